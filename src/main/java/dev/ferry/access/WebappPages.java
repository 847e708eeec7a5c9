package dev.ferry.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps Tasklist, Cockpit and Admin from freezing on their loading spinner. Their page carries a
 * CSP nonce that must match the response's Content-Security-Policy header, and Camunda 7.24 keeps
 * that nonce in a servlet-context attribute shared by all requests: a concurrent request
 * overwrites it between the header and the page, the browser blocks every script, and the app
 * never starts. Each webapp request here gets that one attribute to itself. The pages are also
 * never cached nor answered with 304, which would pair a new header with an old page.
 */
@Configuration
public class WebappPages {

  static final String NONCE = "org.camunda.bpm.csp.nonce";

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> webappPagesFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
    registration.setName("ferry-webapp-pages");
    registration.addUrlPatterns("/camunda/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {
    private static final Set<String> VALIDATORS = Set.of("if-none-match", "if-modified-since");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI();
      boolean page = path.endsWith("/") || path.endsWith(".html");
      if (page) {
        response.setHeader("Cache-Control", "no-store");
      }
      ServletContext context = ownNonce(request.getServletContext());
      chain.doFilter(new HttpServletRequestWrapper(request) {
        @Override
        public ServletContext getServletContext() {
          return context;
        }

        @Override
        public String getHeader(String name) {
          return page && VALIDATORS.contains(name.toLowerCase()) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
          return page && VALIDATORS.contains(name.toLowerCase()) ? Collections.emptyEnumeration()
              : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
          return page && VALIDATORS.contains(name.toLowerCase()) ? -1 : super.getDateHeader(name);
        }
      }, response);
    }

    /** The servlet context as it is, but for the CSP nonce attribute, which lives with this request only. */
    private static ServletContext ownNonce(ServletContext shared) {
      Object[] nonce = new Object[1];
      return (ServletContext) Proxy.newProxyInstance(WebappPages.class.getClassLoader(),
          new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
            if (args != null && args.length > 0 && NONCE.equals(args[0])) {
              switch (method.getName()) {
                case "setAttribute" -> {
                  nonce[0] = args[1];
                  return null;
                }
                case "getAttribute" -> {
                  return nonce[0];
                }
                case "removeAttribute" -> {
                  nonce[0] = null;
                  return null;
                }
                default -> { }
              }
            }
            try {
              return method.invoke(shared, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}

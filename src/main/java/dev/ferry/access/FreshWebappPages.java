package dev.ferry.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tasklist, Cockpit and Admin write a fresh CSP nonce into their HTML page on every response. A
 * browser that revalidates its cached copy gets 304 Not Modified with a new nonce in the header
 * but keeps the old page, so every script is blocked and the app spins forever. Their pages are
 * therefore never cached and never answered with 304.
 */
@Configuration
public class FreshWebappPages {

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> freshWebappPagesFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter());
    registration.setName("ferry-fresh-webapp-pages");
    registration.addUrlPatterns("/camunda/app/*", "/camunda/");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {
    private static final Set<String> VALIDATORS = Set.of("if-none-match", "if-modified-since");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI();
      if (!(path.endsWith("/") || path.endsWith(".html"))) {
        chain.doFilter(request, response);
        return;
      }
      response.setHeader("Cache-Control", "no-store");
      chain.doFilter(new HttpServletRequestWrapper(request) {
        @Override
        public String getHeader(String name) {
          return VALIDATORS.contains(name.toLowerCase()) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
          return VALIDATORS.contains(name.toLowerCase()) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
          return VALIDATORS.contains(name.toLowerCase()) ? -1 : super.getDateHeader(name);
        }
      }, response);
    }
  }
}

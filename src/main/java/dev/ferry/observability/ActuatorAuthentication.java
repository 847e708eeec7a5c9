package dev.ferry.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic for {@code /actuator}, checked against the engine's users: {@code /actuator/health} and
 * the probes {@code /actuator/health/liveness} and {@code /actuator/health/readiness} are open (a load
 * balancer sees UP or DOWN only), their details and every other endpoint are for members
 * of {@code camunda-admin}. An admin's request carries a principal in the role {@code camunda-admin},
 * which is what {@code management.endpoint.health.show-details: when-authorized} asks for.
 */
@Configuration
public class ActuatorAuthentication {

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> actuatorBasicAuthentication(IdentityService identity) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(identity));
    registration.setName("ferry-actuator-authentication");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    return registration;
  }

  static final class Filter extends OncePerRequestFilter {

    /** What anyone may ask (each answers UP or DOWN only): the health and the probes. */
    private static final java.util.Set<String> OPEN = java.util.Set.of("/actuator/health",
        "/actuator/health/liveness", "/actuator/health/readiness");

    private final IdentityService identity;

    Filter(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      String user = authenticated(request.getHeader("Authorization"));
      boolean admin = user != null && identity.createGroupQuery().groupMember(user).groupId(Groups.CAMUNDA_ADMIN).count() > 0;
      if (admin) {
        chain.doFilter(new Admin(request, user), response);
      } else if (OPEN.contains(path)) {
        chain.doFilter(request, response);
      } else if (user == null) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Ferry\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      } else {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
      }
    }

    /** The user whose HTTP Basic credentials check out, or null. */
    private String authenticated(String header) {
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          return null;
        }
        String user = decoded.substring(0, colon);
        return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** An admin's request: a principal in the role {@code camunda-admin}. */
  private static final class Admin extends HttpServletRequestWrapper {

    private final String user;

    Admin(HttpServletRequest request, String user) {
      super(request);
      this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> user;
    }

    @Override
    public String getRemoteUser() {
      return user;
    }

    @Override
    public boolean isUserInRole(String role) {
      return Groups.CAMUNDA_ADMIN.equals(role);
    }
  }
}

package dev.ferry.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/** Applies {@link SimulatedFaults} to every call of the simulated Libraries' REST API. */
class FaultFilter extends OncePerRequestFilter {

  private static final Pattern API = Pattern.compile("/simulator/([^/]+)/api/(.*)");
  private final SimulatedFaults faults;
  private final ObjectMapper mapper = new ObjectMapper();

  FaultFilter(SimulatedFaults faults) {
    this.faults = faults;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher api = API.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!api.matches()) {
      chain.doFilter(request, response);
      return;
    }
    long delay = faults.latency().toMillis();
    if (delay > 0) {
      try {
        Thread.sleep(delay); // the simulated Library is slow; this is its behaviour, not a test's wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    SimulatedFaults.Fault fault = faults.next(api.group(1), api.group(2).startsWith("auth/"));
    if (fault == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(fault.status());
    response.setContentType("application/json");
    mapper.writeValue(response.getOutputStream(), SimulatedFaults.body(fault));
  }
}

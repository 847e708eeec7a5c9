package dev.ferry.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/** Applies {@link SimulatedFaults} to every call of the simulated Libraries' REST API. */
class FaultFilter extends OncePerRequestFilter {

  private static final Pattern API = Pattern.compile("/simulator/([^/]+)/api/(.*)");
  private final SimulatedFaults faults;
  private static final Logger log = LoggerFactory.getLogger(FaultFilter.class);
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
      if ("GET".equals(request.getMethod()) || !faults.losingAnswers()) {
        chain.doFilter(request, response);
        return;
      }
      answerOrLose(request, response, chain);
      return;
    }
    response.setStatus(fault.status());
    response.setContentType("application/json");
    mapper.writeValue(response.getOutputStream(), SimulatedFaults.body(fault));
  }

  /**
   * Holds the answer back until the Library has acted: then it is sent, or, when this call's
   * answer is to be lost, the connection is closed without a byte of it.
   */
  private void answerOrLose(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    SimulatedFaults.Call call = faults.begin();
    try {
      chain.doFilter(request, held);
    } finally {
      SimulatedFaults.end();
    }
    if (call.lost() == null) {
      held.copyBodyToResponse();
      return;
    }
    log.info("Simulated lost answer: {} {} was done, its connection is dropped", request.getMethod(),
        request.getRequestURI());
    ConnectionDrop.drop(response);
  }
}

package dev.ferry.simulator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a simulated upload ({@code PUT /simulator/{env}/api/mstrServices/library/storage/
 * sharedFileStore/files/{fileId}/binary}, {@code multipart/form-data}) reach the
 * {@link SimulatorController} as the raw request stream. Without it Spring's multipart resolver
 * would parse the body first — refusing anything over {@code spring.servlet.multipart.max-file-size}
 * (1 MB by default) and spooling the part to the container's own temporary files — while the
 * Library accepts packages up to 2 GB. The request's content type is shown to everything after
 * this filter as {@code application/octet-stream}; the real one travels in the request attribute
 * {@link #CONTENT_TYPE}. Only that one call of the simulator is touched.
 */
public class RawUploadFilter extends OncePerRequestFilter {

  /** The request attribute with the upload's real {@code Content-Type}. */
  static final String CONTENT_TYPE = RawUploadFilter.class.getName() + ".contentType";

  private static final Pattern UPLOAD =
      Pattern.compile("/simulator/[^/]+/api/mstrServices/library/storage/sharedFileStore/files/[^/]+/binary/?");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"PUT".equals(request.getMethod())
        || contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
        || !UPLOAD.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.setAttribute(CONTENT_TYPE, request.getContentType());
    chain.doFilter(new RawBody(request), response);
  }

  private static final class RawBody extends HttpServletRequestWrapper {

    RawBody(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getContentType() {
      return MediaType.APPLICATION_OCTET_STREAM_VALUE;
    }

    @Override
    public String getHeader(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
          ? Collections.enumeration(java.util.List.of(getContentType()))
          : super.getHeaders(name);
    }
  }
}

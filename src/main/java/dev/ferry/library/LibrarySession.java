package dev.ferry.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Client;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.RetryableException;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logged-in conversation with one Library. It keeps the {@code X-MSTR-AuthToken} and every
 * cookie the Library (or its load balancer) set at login, sends both on each call, logs in again
 * once when the Library says the session is gone (HTTP 401 or {@code ERR009}) and repeats the
 * call. Token and cookies stay in this object: never in a variable, never in a log line.
 */
public class LibrarySession {

  static final String TOKEN_HEADER = "X-MSTR-AuthToken";
  private static final Logger log = LoggerFactory.getLogger(LibrarySession.class);

  private final LibraryEnvironment environment;
  private final Feign.Builder feign;
  private final Map<Class<?>, Object> apis = new ConcurrentHashMap<>();
  private final AuthApi auth;
  private final CloseableHttpClient http;
  private final LibraryErrorDecoder errors;
  private final RequestConfig streamTimeouts;
  private final CallListener listener;
  private volatile Credentials current;

  /** Told of every HTTP exchange with a Library (metrics); {@code error} is null when the call succeeded. */
  public interface CallListener {
    CallListener NONE = (environmentId, what, nanos, error) -> { };

    void called(String environmentId, String what, long nanos, LibraryException error);
  }

  LibrarySession(LibraryEnvironment environment, Client client, ObjectMapper mapper, LibraryProperties.Timeouts timeouts,
      CloseableHttpClient http) {
    this(environment, client, mapper, timeouts, http, CallListener.NONE);
  }

  LibrarySession(LibraryEnvironment environment, Client client, ObjectMapper mapper, LibraryProperties.Timeouts timeouts,
      CloseableHttpClient http, CallListener listener) {
    this.environment = environment;
    this.listener = listener;
    this.http = http;
    this.errors = new LibraryErrorDecoder(mapper);
    this.streamTimeouts = RequestConfig.custom()
        .setResponseTimeout(Timeout.ofMilliseconds(timeouts.getReadTimeout().toMillis())).build();
    this.feign = Feign.builder()
        .client(client)
        .encoder(new JacksonEncoder(mapper))
        .decoder(new JacksonDecoder(mapper))
        .errorDecoder(new LibraryErrorDecoder(mapper))
        .retryer(Retryer.NEVER_RETRY)
        .options(new Request.Options(timeouts.getConnectTimeout().toMillis(), TimeUnit.MILLISECONDS,
            timeouts.getReadTimeout().toMillis(), TimeUnit.MILLISECONDS, true))
        .requestInterceptor(template -> {
          Credentials credentials = current;
          if (credentials != null && !template.path().endsWith("/api/auth/login")) {
            template.header(TOKEN_HEADER, credentials.token());
            if (!credentials.cookieHeader().isEmpty()) {
              template.header("Cookie", credentials.cookieHeader());
            }
          }
        });
    this.auth = api(AuthApi.class);
  }

  public LibraryEnvironment environment() {
    return environment;
  }

  /**
   * Runs one Library call. {@code what} names it for error messages ("PATCH /api/migrations/{id}").
   * A session that expired is renewed once; every failure leaves as a {@link LibraryException}
   * that names this environment and the call.
   */
  public <A, T> T call(Class<A> apiType, String what, Function<A, T> call) {
    A api = api(apiType);
    Credentials used = loggedIn();
    try {
      return invoke(api, what, call);
    } catch (LibraryException e) {
      if (!e.isSessionExpired()) {
        throw e;
      }
      log.info("Library '{}' session expired during {}; logging in again", environment.id(), what);
      relogin(used);
      return invoke(api, what, call);
    }
  }

  /**
   * A call whose body is streamed rather than held in memory (package binaries up to 2 GB), with
   * the same token, cookies, re-login and errors as the others. {@code request} builds the request
   * afresh for each attempt (a file body can be read again); {@code handler} reads a 2xx answer.
   */
  public <T> T stream(String what, Supplier<ClassicHttpRequest> request, HttpClientResponseHandler<T> handler) {
    Credentials used = loggedIn();
    try {
      return streamOnce(what, request.get(), handler);
    } catch (LibraryException e) {
      if (!e.isSessionExpired()) {
        throw e;
      }
      relogin(used);
      return streamOnce(what, request.get(), handler);
    }
  }

  private <T> T streamOnce(String what, ClassicHttpRequest request, HttpClientResponseHandler<T> handler) {
    return timed(what, () -> streamUntimed(what, request, handler));
  }

  private <T> T streamUntimed(String what, ClassicHttpRequest request, HttpClientResponseHandler<T> handler) {
    Credentials credentials = current;
    request.setHeader(TOKEN_HEADER, credentials.token());
    if (!credentials.cookieHeader().isEmpty()) {
      request.setHeader("Cookie", credentials.cookieHeader());
    }
    if (request instanceof HttpUriRequestBase base) {
      base.setConfig(streamTimeouts);
    }
    try {
      return http.execute(request, response -> {
        if (response.getCode() / 100 != 2) {
          String body = response.getEntity() == null ? null : EntityUtils.toString(response.getEntity(),
              StandardCharsets.UTF_8, 64 * 1024);
          throw errors.decode(what, response.getCode(), response.getReasonPhrase(), body).in(environment.id(), what);
        }
        return handler.handleResponse(response);
      });
    } catch (LibraryException e) {
      throw e;
    } catch (java.net.ConnectException | java.net.UnknownHostException e) {
      throw new LibraryException(environment.id(), what, 0, null, "could not reach " + environment.url() + " ("
          + rootMessage(e) + ")", null, null, e);
    } catch (IOException e) {
      throw new LibraryException(environment.id(), what, 0, null, "no answer from " + environment.url() + " ("
          + rootMessage(e) + "); the Library may still have carried out the call", null, null, e);
    }
  }

  /** The base URL of this Library, for calls built by hand. */
  public String url(String path) {
    return environment.url() + path;
  }

  private <A, T> T invoke(A api, String what, Function<A, T> call) {
    return timed(what, () -> invokeUntimed(api, what, call));
  }

  private <T> T timed(String what, Supplier<T> exchange) {
    long start = System.nanoTime();
    try {
      T result = exchange.get();
      listener.called(environment.id(), what, System.nanoTime() - start, null);
      return result;
    } catch (LibraryException e) {
      listener.called(environment.id(), what, System.nanoTime() - start, e);
      throw e;
    }
  }

  private <A, T> T invokeUntimed(A api, String what, Function<A, T> call) {
    try {
      return call.apply(api);
    } catch (LibraryException e) {
      throw e.in(environment.id(), what);
    } catch (RetryableException e) {
      throw new LibraryException(environment.id(), what, 0, null, unanswered(e), null, null, e);
    } catch (FeignException e) {
      throw new LibraryException(environment.id(), what, e.status() > 0 ? e.status() : 0, null,
          "unreadable answer from " + environment.url() + " (" + rootMessage(e) + ")", null, null, e);
    }
  }

  private Credentials loggedIn() {
    Credentials credentials = current;
    return credentials != null ? credentials : relogin(null);
  }

  /** Logs in unless another thread already replaced the credentials that failed. */
  private synchronized Credentials relogin(Credentials failed) {
    if (current != null && current != failed) {
      return current;
    }
    current = null;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", environment.username());
    body.put("password", environment.password());
    body.put("loginMode", environment.loginMode());
    Response response = invoke(auth, "POST /api/auth/login", a -> a.login(body));
    try (response) {
      if (response.status() / 100 != 2) {
        throw (LibraryException) new LibraryErrorDecoder(new ObjectMapper()).decode("login", response);
      }
      String token = firstHeader(response, TOKEN_HEADER);
      if (token == null || token.isBlank()) {
        throw new LibraryException(environment.id(), "POST /api/auth/login", response.status(), null,
            "the login answer carried no " + TOKEN_HEADER + " header", null, null, null);
      }
      current = new Credentials(token, cookies(response));
      log.info("Logged in to Library '{}' at {}", environment.id(), environment.url());
      return current;
    } catch (LibraryException e) {
      throw e.in(environment.id(), "POST /api/auth/login");
    }
  }

  /** Ends the Library session, if there is one. Failures are only logged: this runs at shutdown. */
  public synchronized void logout() {
    if (current == null) {
      return;
    }
    try (Response ignored = invoke(auth, "POST /api/auth/logout", AuthApi::logout)) {
      log.info("Logged out of Library '{}'", environment.id());
    } catch (RuntimeException e) {
      log.warn("Logout from Library '{}' failed: {}", environment.id(), e.getMessage());
    } finally {
      current = null;
    }
  }

  @SuppressWarnings("unchecked")
  private <A> A api(Class<A> type) {
    return (A) apis.computeIfAbsent(type, t -> feign.target(t, environment.url()));
  }

  private static String firstHeader(Response response, String name) {
    for (Map.Entry<String, Collection<String>> header : response.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return header.getValue().iterator().next();
      }
    }
    return null;
  }

  private static String cookies(Response response) {
    Map<String, String> cookies = new LinkedHashMap<>();
    response.headers().forEach((name, values) -> {
      if (name.equalsIgnoreCase("Set-Cookie")) {
        for (String value : values) {
          String pair = value.split(";", 2)[0].trim();
          int eq = pair.indexOf('=');
          if (eq > 0) {
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
    });
    StringBuilder header = new StringBuilder();
    cookies.forEach((name, value) -> {
      if (header.length() > 0) {
        header.append("; ");
      }
      header.append(name).append('=').append(value);
    });
    return header.toString();
  }

  /**
   * A refused connection means the call never arrived. A timeout or a dropped connection does
   * not: the Library may have acted, and the operator must know that before retrying by hand.
   */
  private String unanswered(RetryableException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException) {
      return "could not reach " + environment.url() + " (" + rootMessage(e) + ")";
    }
    return "no answer from " + environment.url() + " (" + rootMessage(e) + "); the Library may still have carried "
        + "out the call";
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private record Credentials(String token, String cookieHeader) {
  }
}

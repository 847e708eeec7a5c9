package dev.ferry.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.hc5.ApacheHttp5Client;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.util.Timeout;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/** One {@link LibrarySession} per environment, sharing one HTTP connection pool; logs out of each on shutdown. */
@Component
public class LibraryClients {

  private final Environments environments;
  private final LibraryProperties properties;
  private final ObjectMapper mapper;
  private final CloseableHttpClient http;
  private final ApacheHttp5Client client;
  private final Map<String, LibrarySession> sessions = new ConcurrentHashMap<>();

  private final LibrarySession.CallListener listener;

  public LibraryClients(Environments environments, LibraryProperties properties, ObjectMapper mapper) {
    this(environments, properties, mapper, null);
  }

  @Autowired
  public LibraryClients(Environments environments, LibraryProperties properties, ObjectMapper mapper,
      @Nullable LibrarySession.CallListener listener) {
    this.environments = environments;
    this.listener = listener == null ? LibrarySession.CallListener.NONE : listener;
    this.properties = properties;
    this.mapper = mapper;
    // Cookies are kept per Library session by LibrarySession itself, never in a shared store.
    this.http = HttpClients.custom()
        .disableCookieManagement()
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(properties.getLibrary().getConnectTimeout().toMillis()))
                .build())
            .setMaxConnTotal(64).setMaxConnPerRoute(16).build())
        .build();
    this.client = new ApacheHttp5Client(http);
  }

  /** The session for an environment; a new one when the environment's configuration changed since. */
  public LibrarySession session(String environmentId) {
    LibraryEnvironment environment = environments.get(environmentId);
    return sessions.compute(environment.id(), (id, session) -> session != null
        && session.environment().equals(environment) ? session
        : new LibrarySession(environment, client, mapper, properties.getLibrary(), http, listener));
  }

  @PreDestroy
  public void logoutAll() throws IOException {
    sessions.values().forEach(LibrarySession::logout);
    sessions.clear();
    http.close();
  }
}

package dev.ferry.library;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code ferry.environments} and {@code ferry.library.*}: where the Libraries are and how patient to be with them. */
@ConfigurationProperties(prefix = "ferry")
public class LibraryProperties {

  private List<EnvironmentProperties> environments = new ArrayList<>();
  private final Timeouts library = new Timeouts();

  public List<EnvironmentProperties> getEnvironments() {
    return environments;
  }

  public void setEnvironments(List<EnvironmentProperties> environments) {
    this.environments = environments;
  }

  public Timeouts getLibrary() {
    return library;
  }

  public static class EnvironmentProperties {
    private String id;
    private String name;
    private String url;
    private String username;
    private String password;
    private int loginMode = 1;

    public LibraryEnvironment toEnvironment() {
      return new LibraryEnvironment(id, name, url, username, password, loginMode);
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public int getLoginMode() { return loginMode; }
    public void setLoginMode(int loginMode) { this.loginMode = loginMode; }
  }

  public static class Timeouts {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
  }
}

package dev.ferry.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ferry.notifications.*}: e-mail through Spring Mail ({@code spring.mail.host} …) and a
 * webhook per Library environment. Both are off unless configured.
 */
@ConfigurationProperties(prefix = "ferry.notifications")
public class NotificationProperties {

  private final Mail mail = new Mail();
  /**
   * A webhook per target environment id (Slack or Teams incoming webhook, or any JSON receiver):
   * Ferry POSTs {@code {"text", "event", "businessKey", …}} when a task of a migration into that
   * environment waits and when the migration ends. The URL stays in the configuration, never in a
   * process variable (it is a secret for Slack and Teams).
   */
  private Map<String, String> webhooks = new LinkedHashMap<>();

  public Mail getMail() { return mail; }
  public Map<String, String> getWebhooks() { return webhooks; }
  public void setWebhooks(Map<String, String> webhooks) { this.webhooks = webhooks; }

  public static class Mail {
    /** On or off; unset means on exactly when {@code spring.mail.host} is set. */
    private Boolean enabled;
    /** The sender of Ferry's mails. */
    private String from = "ferry@localhost";

    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
  }
}

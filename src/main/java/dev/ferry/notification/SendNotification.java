package dev.ferry.notification;

import static dev.ferry.notification.Notifications.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.migration.FerryVariables.Typed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendNotification} of the {@code notification} process: sends one message, by e-mail
 * (Spring Mail) or to the target environment's webhook (a JSON POST with {@code text}, which Slack
 * and Teams incoming webhooks show). A failure throws, so the job is retried on Ferry's retry
 * cycle and then becomes an incident of this notification, not of the migration.
 */
@Component("sendNotification")
public class SendNotification implements JavaDelegate {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ObjectProvider<JavaMailSender> mail;
  private final NotificationProperties properties;
  private final ObjectMapper mapper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public SendNotification(ObjectProvider<JavaMailSender> mail, NotificationProperties properties,
      ObjectMapper mapper) {
    this.mail = mail;
    this.properties = properties;
    this.mapper = mapper;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    String subject = Typed.SUBJECT.getOrNull(execution);
    String text = Typed.TEXT.getOrNull(execution);
    if ("webhook".equals(execution.getVariable(CHANNEL))) {
      post(execution, subject, text);
    } else {
      send(Typed.RECIPIENTS.getOrNull(execution), subject, text);
    }
  }

  private void send(String recipients, String subject, String text) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("E-mail notifications are on but no mail server is configured: set "
          + "spring.mail.host (and spring.mail.port, username, password), or ferry.notifications.mail.enabled=false.");
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(properties.getMail().getFrom());
    message.setTo(recipients.split(","));
    message.setSubject(subject);
    message.setText(text);
    sender.send(message);
  }

  private void post(DelegateExecution execution, String subject, String text) throws IOException, InterruptedException {
    String environment = Typed.WEBHOOK_ENVIRONMENT.getOrNull(execution);
    String url = properties.getWebhooks().get(environment);
    if (url == null) {
      throw new IllegalStateException("No webhook is configured for environment '" + environment + "' any more: "
          + "set ferry.notifications.webhooks." + environment + ", or delete this notification in Cockpit.");
    }
    ObjectNode body = mapper.createObjectNode();
    body.put("text", subject + "\n" + execution.getVariable(LINK));
    body.put("event", Typed.EVENT.getOrNull(execution));
    body.put("businessKey", execution.getProcessBusinessKey());
    body.put("subject", subject);
    body.put("link", Typed.LINK.getOrNull(execution));
    body.put("details", text);
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      // the URL is a secret (Slack, Teams): the message names the environment, not the URL
      throw new IllegalStateException("The webhook of environment '" + environment + "' answered "
          + answer.statusCode() + ".");
    }
  }
}

package dev.ferry.observability;

import dev.ferry.library.Environments;
import dev.ferry.library.LibraryEnvironment;
import dev.ferry.library.LibraryException;
import dev.ferry.library.LibraryScope;
import dev.ferry.library.MigrationsClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.stereotype.Component;

/**
 * {@code library}: one component per configured Library environment, UP when Ferry can make an
 * authenticated call there. The call ({@code GET /api/migrations?limit=1}) goes through the
 * environment's existing {@code LibrarySession}, which logs in only when it has no session yet or the
 * session expired, so health checks never pile up Library sessions; and a result is reused for
 * {@link #TTL}. The details name the environment and its URL, never its credentials.
 */
@Component("library")
public class LibraryHealth implements CompositeHealthContributor {

  static final Duration TTL = Duration.ofSeconds(30);

  private final Environments environments;
  private final MigrationsClient migrations;
  private final Clock clock;
  private final Map<LibraryEnvironment, Checked> cache = new ConcurrentHashMap<>();

  public LibraryHealth(Environments environments, MigrationsClient migrations) {
    this.environments = environments;
    this.migrations = migrations;
    this.clock = Clock.systemUTC();
  }

  @Override
  public HealthContributor getContributor(String name) {
    return environments.all().stream().filter(e -> e.id().equals(name)).findFirst()
        .map(e -> (HealthIndicator) () -> health(e)).orElse(null);
  }

  @Override
  public Iterator<NamedContributor<HealthContributor>> iterator() {
    return environments.all().stream()
        .map(e -> NamedContributor.of(e.id(), (HealthContributor) (HealthIndicator) () -> health(e)))
        .iterator();
  }

  private Health health(LibraryEnvironment environment) {
    Instant now = clock.instant();
    cache.keySet().removeIf(e -> !environments.all().contains(e));
    Checked checked = cache.compute(environment, (e, last) -> last != null && last.at().plus(TTL).isAfter(now)
        ? last : new Checked(check(e), now));
    return checked.health();
  }

  private Health check(LibraryEnvironment environment) {
    Health.Builder builder = Health.unknown().withDetail("name", environment.name()).withDetail("url", environment.url());
    try {
      migrations.list(LibraryScope.of(environment.id(), null), "object_migration", 0, 1);
      return builder.up().build();
    } catch (LibraryException e) {
      builder.down().withDetail("error", e.getMessage());
      if (e.code() != null) {
        builder.withDetail("code", e.code());
      }
      return builder.build();
    } catch (RuntimeException e) {
      return builder.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }

  private record Checked(Health health, Instant at) {
  }
}

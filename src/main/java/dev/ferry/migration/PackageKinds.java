package dev.ferry.migration;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Every {@link PackageKind} Ferry knows (the Spring beans), by name. An instance without a
 * {@code kind} variable, or with one no kind answers to, moves a single package, as before kinds
 * had classes.
 */
@Component
public class PackageKinds {

  private final Map<String, PackageKind> kinds;

  public PackageKinds(List<PackageKind> kinds) {
    this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(PackageKind::name, Function.identity()));
    if (!this.kinds.containsKey(SinglePackage.NAME)) {
      throw new IllegalStateException("No package kind named '" + SinglePackage.NAME + "'; known: " + this.kinds.keySet());
    }
  }

  /** The kind of the instance whose variables these are. */
  public PackageKind of(VariableScope vars) {
    return named(PackageKind.nameIn(vars));
  }

  /** The kind a {@code kind} variable names. */
  public PackageKind named(String name) {
    PackageKind kind = name == null ? null : kinds.get(name);
    return kind != null ? kind : kinds.get(SinglePackage.NAME);
  }
}

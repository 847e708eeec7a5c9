package dev.ferry.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/**
 * The rules every model in {@code processes/} keeps, so that Cockpit's picture stays readable and a
 * change to one step changes a few lines of XML. Plain JUnit, no engine: each model is read with
 * Camunda's model API and checked for
 * <ul>
 *   <li>ids that are not meaningful: UUID-shaped or hash-like ({@code sequenceFlow_1b2c...},
 *       {@code Flow_0k2h3j1}); give the element a kebab-case id from its name or its source and target
 *       ({@code flow-package-created-yes});</li>
 *   <li>a flow node or sequence flow without a diagram shape or edge;</li>
 *   <li>shapes that overlap (a subprocess and its children, and a boundary event and its host, aside);</li>
 *   <li>a sequence flow or association whose waypoints pass through a shape that is neither its source
 *       nor its target (nor a subprocess containing them);</li>
 *   <li>a flow leaving a splitting gateway without a name (Cockpit shows it as the branch's label);</li>
 *   <li>a Library-calling service task without {@code camunda:asyncBefore}: every
 *       {@code delegateExpression} task calls the Library except the {@link #NON_LIBRARY_DELEGATES}.
 *       A task whose every incoming flow comes from a timer catch event (the check of
 *       {@code library-poll}) is accepted: the timer's job is its async boundary, and the engine's
 *       {@code ferry.retry-cycle} applies to every failed job;</li>
 *   <li>a {@code delegateExpression} naming no bean ({@code @Component("name")}, or a plain
 *       {@code @Component}/{@code @Service} class by Spring's naming rule, or a {@code @Bean} method in
 *       {@code src/main/java});</li>
 *   <li>a process without {@code camunda:historyTimeToLive};</li>
 *   <li>a user task without a form ({@code camunda:formRef} or {@code camunda:formKey}).</li>
 * </ul>
 * Each rule is shown to fire on a small bad model below.
 */
@Tag("fast")
class ModelLintTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path MAIN_SOURCES = Path.of("src/main/java");
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /**
   * Delegates that do not call the Library, so they need no async boundary of their own:
   * {@code readRequest} and {@code readTransferRequest} check the start request against the
   * configuration, {@code startPolling} computes the polling deadline, {@code undoWindow} computes the
   * undo deadline, {@code enqueueImport} and {@code trySlot} take a place (or a slot) in Ferry's own queues (database rows).
   * Every other delegate calls the Library (one call each).
   */
  static final Set<String> NON_LIBRARY_DELEGATES =
      Set.of("readRequest", "readTransferRequest", "startPolling", "undoWindow", "enqueueImport", "trySlot");

  static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
  static final Pattern BEAN_EXPRESSION = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  /** Ends of a flow may touch its neighbours' borders; a segment must enter a shape deeper than this. */
  static final double TOLERANCE = 3;

  static Set<String> beans;

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(PROCESSES)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void modelKeepsTheRules(Path model) throws IOException {
    List<String> problems;
    try (InputStream in = Files.newInputStream(model)) {
      problems = lint(model.getFileName().toString(), Bpmn.readModelFromStream(in));
    }
    assertThat(problems).as("problems in %s", model).isEmpty();
  }

  @Test
  void everyModelIsChecked() throws IOException {
    assertThat(models().map(p -> p.getFileName().toString()))
        .contains("migration.bpmn", "import-approval.bpmn", "library-poll.bpmn", "migration-group.bpmn", "package-transfer.bpmn",
            "queue-slot.bpmn");
  }

  // ------------------------------------------------------------------ each rule fires on a bad model

  @Test
  void aSmallGoodModelPasses() {
    assertThat(lint("good.bpmn", read(SAMPLE))).isEmpty();
  }

  @Test
  void aUuidShapedIdFails() {
    String bad = model(b -> b.replace("flow-review-to-end", "sequenceFlow_3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "sequenceFlow_3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "not meaningful"));
  }

  @Test
  void aHashLikeIdFails() {
    String bad = model(b -> b.replace("flow-review-to-end", "Flow_0k2h3j1"));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p).contains("Flow_0k2h3j1", "not meaningful"));
    assertThat(isGenerated("Flow_SlotFree_Yes")).isFalse();
    assertThat(isGenerated("Task_AcquireImportSlot")).isFalse();
    assertThat(isGenerated("wait-package-created")).isFalse();
    assertThat(isGenerated("Activity_1xq8k2r")).isTrue();
    assertThat(isGenerated("shape_9f86d081884c")).isTrue();
  }

  @Test
  void overlappingShapesFail() {
    String bad = model(b -> b.replace("<dc:Bounds height=\"80\" width=\"100\" x=\"436\" y=\"78\"/>",
        "<dc:Bounds height=\"80\" width=\"100\" x=\"250\" y=\"90\"/>"));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p).contains("bad.bpmn", "call", "review", "overlap"));
  }

  @Test
  void aFlowThroughAForeignShapeFails() {
    // the user task's flow to the end is drawn from far left, through the gateway
    String bad = model(b -> b.replace("<di:waypoint x=\"536\" y=\"118\"/><!--review-start-->", "<di:waypoint x=\"236\" y=\"118\"/>"));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "flow-review-to-end", "passes through 'checked'"));
  }

  @Test
  void anUnnamedBranchFails() {
    String bad = model(b -> b.replace("name=\"no\" ", ""));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "flow-checked-no", "leaves the gateway 'checked'", "no name"));
  }

  @Test
  void aLibraryCallWithoutAsyncBeforeFails() {
    String bad = model(b -> b.replace("camunda:asyncBefore=\"true\" ", ""));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "'call'", "createPackage", "camunda:asyncBefore"));
  }

  @Test
  void aTaskRightAfterATimerNeedsNoAsyncBeforeAndNonLibraryDelegatesNeedNone() {
    String afterTimer = model(b -> b.replace("camunda:asyncBefore=\"true\" ", "")
        .replace("<startEvent id=\"start\" name=\"Start\">", "<intermediateCatchEvent id=\"start\" name=\"Wait\">"
            + "<timerEventDefinition><timeDuration>PT1M</timeDuration></timerEventDefinition>")
        .replace("</startEvent>", "</intermediateCatchEvent>"));
    assertThat(lint("timer.bpmn", read(afterTimer))).noneSatisfy(p -> assertThat(p).contains("asyncBefore"));
    String nonLibrary = model(b -> b.replace("camunda:asyncBefore=\"true\" ", "").replace("${createPackage}", "${readRequest}"));
    assertThat(lint("plain.bpmn", read(nonLibrary))).isEmpty();
  }

  @Test
  void aDelegateExpressionWithoutABeanFails() {
    String bad = model(b -> b.replace("${createPackage}", "${createPackages}"));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "'call'", "createPackages", "no bean"));
  }

  @Test
  void aProcessWithoutHistoryTimeToLiveFails() {
    String bad = model(b -> b.replace("camunda:historyTimeToLive=\"P180D\" ", ""));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "process 'lint-sample'", "historyTimeToLive"));
  }

  @Test
  void aUserTaskWithoutAFormFails() {
    String bad = model(b -> b.replace("camunda:formRef=\"request-import\" camunda:formRefBinding=\"latest\" ", ""));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p)
        .contains("bad.bpmn", "user task 'review'", "form"));
  }

  @Test
  void aFlowNodeWithoutAShapeFails() {
    String bad = model(b -> b.replaceAll("(?s)<bpmndi:BPMNShape bpmnElement=\"review\".*?</bpmndi:BPMNShape>", ""));
    assertThat(lint("bad.bpmn", read(bad))).anySatisfy(p -> assertThat(p).contains("bad.bpmn", "'review'", "no shape"));
  }

  @Test
  void beanNamesFollowSpringsRules() {
    assertThat(beans()).contains("createPackage", "patchImportInfo", "checkStatus", "startPolling");
    assertThat(beanName("ImportFinished")).isEqualTo("importFinished");
    assertThat(beanName("URLReader")).isEqualTo("URLReader");
  }

  // ------------------------------------------------------------------ the lint

  static List<String> lint(String file, BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    checkIds(file, model.getDocument().getRootElement(), problems);

    Collection<BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class);
    Set<String> drawn = new HashSet<>();
    shapes.forEach(s -> drawn.add(s.getBpmnElement().getId()));
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!drawn.contains(node.getId())) {
        problems.add(file + ": '" + node.getId() + "' has no shape in the diagram; give it a position that overlaps no other shape");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!drawn.contains(flow.getId())) {
        problems.add(file + ": flow '" + flow.getId() + "' has no edge in the diagram; draw it around the shapes");
      }
    }

    List<BpmnShape> list = new ArrayList<>(shapes);
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        BaseElement a = list.get(i).getBpmnElement();
        BaseElement b = list.get(j).getBpmnElement();
        if (attached(a, b) || attached(b, a) || contains(a, b) || contains(b, a)) {
          continue;
        }
        Bounds ra = list.get(i).getBounds();
        Bounds rb = list.get(j).getBounds();
        double w = Math.min(ra.getX() + ra.getWidth(), rb.getX() + rb.getWidth()) - Math.max(ra.getX(), rb.getX());
        double h = Math.min(ra.getY() + ra.getHeight(), rb.getY() + rb.getHeight()) - Math.max(ra.getY(), rb.getY());
        if (w > TOLERANCE && h > TOLERANCE) {
          problems.add(file + ": shapes '" + a.getId() + "' and '" + b.getId() + "' overlap (" + (int) w + "x" + (int) h
              + " px); move one of them");
        }
      }
    }

    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      BaseElement element = edge.getBpmnElement();
      BaseElement source;
      BaseElement target;
      if (element instanceof SequenceFlow flow) {
        source = flow.getSource();
        target = flow.getTarget();
      } else if (element instanceof Association association) {
        source = association.getSource();
        target = association.getTarget();
      } else {
        continue;
      }
      List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
      for (BpmnShape shape : shapes) {
        BaseElement other = shape.getBpmnElement();
        if (other == source || other == target || contains(other, source) || contains(other, target)) {
          continue;
        }
        for (int k = 0; k + 1 < points.size(); k++) {
          if (crosses(points.get(k), points.get(k + 1), shape.getBounds())) {
            problems.add(file + ": flow '" + element.getId() + "' passes through '" + other.getId() + "' (segment "
                + point(points.get(k)) + "-" + point(points.get(k + 1)) + "); route it around the shape");
            break;
          }
        }
      }
    }

    // by sourceRef/targetRef: the optional <incoming>/<outgoing> children may be missing
    Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
    for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
      List<SequenceFlow> outgoing = flows.stream().filter(f -> f.getSource() == gateway).toList();
      if (outgoing.size() > 1) {
        for (SequenceFlow flow : outgoing) {
          if (flow.getName() == null || flow.getName().isBlank()) {
            problems.add(file + ": flow '" + flow.getId() + "' leaves the gateway '" + gateway.getId()
                + "' with no name; name the branch (e.g. 'yes', 'timed out')");
          }
        }
      }
    }

    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String expression = task.getCamundaDelegateExpression();
      if (expression == null) {
        continue;
      }
      Matcher bean = BEAN_EXPRESSION.matcher(expression.trim());
      if (!bean.matches()) {
        problems.add(file + ": service task '" + task.getId() + "' has delegateExpression '" + expression
            + "', which is not a bean name; write ${beanName}");
        continue;
      }
      String name = bean.group(1);
      if (!beans().contains(name)) {
        problems.add(file + ": service task '" + task.getId() + "' calls '" + name + "', but there is no bean of that name in "
            + MAIN_SOURCES + " (known: " + new TreeSet<>(beans()) + ")");
      }
      if (!NON_LIBRARY_DELEGATES.contains(name) && !task.isCamundaAsyncBefore() && !afterTimerOnly(task, flows)) {
        problems.add(file + ": service task '" + task.getId() + "' calls the Library (" + name + ") without camunda:asyncBefore=\"true\";"
            + " add it, so a Library outage becomes retries and an incident instead of a rolled back step");
      }
    }

    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.getCamundaHistoryTimeToLiveString() == null || process.getCamundaHistoryTimeToLiveString().isBlank()) {
        problems.add(file + ": process '" + process.getId() + "' has no camunda:historyTimeToLive; add one (e.g. P180D)");
      }
    }

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      if (blank(task.getCamundaFormRef()) && blank(task.getCamundaFormKey())) {
        problems.add(file + ": user task '" + task.getId() + "' has no form; add camunda:formRef (a form in forms/) or camunda:formKey");
      }
    }
    return problems;
  }

  static void checkIds(String file, DomElement element, List<String> problems) {
    String id = element.getAttribute("id");
    if (id != null && isGenerated(id)) {
      problems.add(file + ": id '" + id + "' of <" + element.getLocalName() + "> is not meaningful (UUID-shaped or hash-like);"
          + " name it after the element, e.g. 'flow-<gateway>-<branch>' or 'flow-<source>-to-<target>'");
    }
    for (DomElement child : element.getChildElements()) {
      checkIds(file, child, problems);
    }
  }

  /** UUID-shaped, or a token of 7+ lower-case letters and digits mixed like a generated hash ({@code 0k2h3j1}). */
  static boolean isGenerated(String id) {
    if (UUID.matcher(id).find()) {
      return true;
    }
    for (String token : id.split("[_\\-.:]")) {
      if (token.length() >= 7 && token.matches("[0-9a-z]+")) {
        long digits = token.chars().filter(Character::isDigit).count();
        if (digits >= 2 && digits < token.length()) {
          return true;
        }
        if (token.length() >= 8 && token.matches("[0-9a-f]+") && digits >= 1) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean afterTimerOnly(FlowNode node, Collection<SequenceFlow> flows) {
    List<SequenceFlow> incoming = flows.stream().filter(f -> f.getTarget() == node).toList();
    return !incoming.isEmpty() && incoming.stream().allMatch(f -> f.getSource() instanceof IntermediateCatchEvent e
        && !e.getEventDefinitions().isEmpty() && e.getEventDefinitions().stream().allMatch(d -> d instanceof TimerEventDefinition));
  }

  static boolean attached(BaseElement event, BaseElement host) {
    return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
  }

  /** Whether {@code container} is a subprocess that holds {@code element} (at any depth). */
  static boolean contains(BaseElement container, BaseElement element) {
    if (!(container instanceof SubProcess) || element == null) {
      return false;
    }
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent == container) {
        return true;
      }
    }
    return false;
  }

  /** Whether the segment a-b enters the rectangle deeper than the tolerance (Liang-Barsky clipping). */
  static boolean crosses(Waypoint a, Waypoint b, Bounds r) {
    double x0 = r.getX() + TOLERANCE;
    double y0 = r.getY() + TOLERANCE;
    double x1 = r.getX() + r.getWidth() - TOLERANCE;
    double y1 = r.getY() + r.getHeight() - TOLERANCE;
    double dx = b.getX() - a.getX();
    double dy = b.getY() - a.getY();
    double t0 = 0;
    double t1 = 1;
    double[] p = {-dx, dx, -dy, dy};
    double[] q = {a.getX() - x0, x1 - a.getX(), a.getY() - y0, y1 - a.getY()};
    for (int i = 0; i < 4; i++) {
      if (p[i] == 0) {
        if (q[i] <= 0) {
          return false;
        }
      } else {
        double t = q[i] / p[i];
        if (p[i] < 0) {
          t0 = Math.max(t0, t);
        } else {
          t1 = Math.min(t1, t);
        }
      }
    }
    return t1 - t0 > 1e-9;
  }

  static String point(Waypoint w) {
    return "(" + Math.round(w.getX()) + "," + Math.round(w.getY()) + ")";
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * Bean names in {@code src/main/java}, by a plain text scan: {@code @Component("name")} (or
   * {@code @Service}, {@code @Named}), a nameless {@code @Component}/{@code @Service} class (Spring's rule:
   * the class name with a lower-case first letter), and {@code @Bean} methods.
   */
  static synchronized Set<String> beans() {
    if (beans == null) {
      Set<String> found = new HashSet<>();
      Pattern named = Pattern.compile("@(?:Component|Service|Named|Repository|Controller|RestController)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
      Pattern nameless = Pattern.compile("@(?:Component|Service|Repository|Controller|RestController)\\s*(?:\\(\\s*\\))?\\s+"
          + "(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record)\\s+(\\w+)");
      Pattern bean = Pattern.compile("@Bean(?:\\(\\s*(?:name\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"[^)]*\\))?\\s+"
          + "(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|protected\\s+|static\\s+|final\\s+)*[\\w<>,.?\\[\\] ]+?\\s+(\\w+)\\s*\\(");
      try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          named.matcher(source).results().forEach(m -> found.add(m.group(1)));
          nameless.matcher(source).results().forEach(m -> found.add(beanName(m.group(1))));
          bean.matcher(source).results().forEach(m -> found.add(m.group(1) != null ? m.group(1) : m.group(2)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      beans = found;
    }
    return beans;
  }

  /** Spring's default bean name (java.beans.Introspector.decapitalize). */
  static String beanName(String className) {
    if (className.length() > 1 && Character.isUpperCase(className.charAt(0)) && Character.isUpperCase(className.charAt(1))) {
      return className;
    }
    return Character.toLowerCase(className.charAt(0)) + className.substring(1);
  }

  // ------------------------------------------------------------------ a small model to break

  static BpmnModelInstance read(String xml) {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** A small good model (start, Library call, gateway, user task, ends), changed by {@code edit}. */
  static String model(java.util.function.UnaryOperator<String> edit) {
    return edit.apply(SAMPLE);
  }

  static final String SAMPLE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" \
      xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
      xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="lint-sample-definitions" targetNamespace="http://www.omg.org/spec/BPMN/20100524/MODEL">
        <process camunda:historyTimeToLive="P180D" id="lint-sample" isExecutable="true" name="Lint sample">
          <startEvent id="start" name="Start">
          </startEvent>
          <sequenceFlow id="flow-start-to-call" sourceRef="start" targetRef="call"/>
          <serviceTask camunda:asyncBefore="true" camunda:delegateExpression="${createPackage}" id="call" name="Call the Library"/>
          <sequenceFlow id="flow-call-to-checked" sourceRef="call" targetRef="checked"/>
          <exclusiveGateway id="checked" name="Fine?"/>
          <sequenceFlow id="flow-checked-yes" name="yes" sourceRef="checked" targetRef="review">
            <conditionExpression>${true}</conditionExpression>
          </sequenceFlow>
          <sequenceFlow id="flow-checked-no" name="no" sourceRef="checked" targetRef="refused">
            <conditionExpression>${false}</conditionExpression>
          </sequenceFlow>
          <endEvent id="refused" name="Refused"/>
          <userTask camunda:formRef="request-import" camunda:formRefBinding="latest" id="review" name="Review"/>
          <sequenceFlow id="flow-review-to-end" sourceRef="review" targetRef="end"/>
          <endEvent id="end" name="End"/>
        </process>
        <bpmndi:BPMNDiagram id="lint-sample-diagram">
          <bpmndi:BPMNPlane bpmnElement="lint-sample" id="lint-sample-plane">
            <bpmndi:BPMNShape bpmnElement="start" id="start-di"><dc:Bounds height="36" width="36" x="100" y="100"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge bpmnElement="flow-start-to-call" id="flow-start-to-call-di"><di:waypoint x="136" y="118"/>\
      <di:waypoint x="186" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNShape bpmnElement="call" id="call-di"><dc:Bounds height="80" width="100" x="186" y="78"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge bpmnElement="flow-call-to-checked" id="flow-call-to-checked-di"><di:waypoint x="286" y="118"/>\
      <di:waypoint x="336" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNShape bpmnElement="checked" id="checked-di" isMarkerVisible="true"><dc:Bounds height="50" width="50" x="336" y="93"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge bpmnElement="flow-checked-yes" id="flow-checked-yes-di"><di:waypoint x="386" y="118"/>\
      <di:waypoint x="436" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge bpmnElement="flow-checked-no" id="flow-checked-no-di"><di:waypoint x="361" y="143"/>\
      <di:waypoint x="361" y="218"/><di:waypoint x="436" y="218"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNShape bpmnElement="refused" id="refused-di"><dc:Bounds height="36" width="36" x="436" y="200"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape bpmnElement="review" id="review-di"><dc:Bounds height="80" width="100" x="436" y="78"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge bpmnElement="flow-review-to-end" id="flow-review-to-end-di"><di:waypoint x="536" y="118"/><!--review-start-->\
      <di:waypoint x="586" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNShape bpmnElement="end" id="end-di"><dc:Bounds height="36" width="36" x="586" y="100"/></bpmndi:BPMNShape>
          </bpmndi:BPMNPlane>
        </bpmndi:BPMNDiagram>
      </definitions>
      """;
}

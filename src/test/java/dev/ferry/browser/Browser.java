package dev.ferry.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven through Debian's ChromeDriver (Selenium Manager never runs, nothing is
 * downloaded), headless at laptop size, with the few gestures a person makes in the Camunda
 * webapps: log in, click a link or button by its text, read what a page says. Every step waits on a
 * condition, never on the clock.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** Generous: a wait ends as soon as its condition holds, and a loaded 2-core CI machine is slow to boot Tasklist. */
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final String base;
  private final Path userDataDir;
  private final Path screenshots;
  private final ChromeDriver driver;
  private final WebDriverWait wait;

  Browser(int port, Path screenshots) {
    this.base = "http://localhost:" + port;
    this.screenshots = screenshots;
    try {
      this.userDataDir = Files.createTempDirectory("ferry-chromium-");
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + userDataDir);
    // the browser's console goes into the failure evidence
    org.openqa.selenium.logging.LoggingPreferences logging = new org.openqa.selenium.logging.LoggingPreferences();
    logging.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Paths.get(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200));
  }

  /** Where this build writes its test output: {@code ${project.build.directory}/browser-screenshots}. */
  static Path screenshotDirectory() {
    try {
      Path testClasses = Paths.get(Browser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return testClasses.getParent().resolve("browser-screenshots");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a webapp ({@code tasklist}, {@code cockpit}) logged out, and logs in there. */
  void logIn(String app, String user, String password) {
    logOut();
    driver.get(base + "/camunda/app/" + app + "/default/");
    // the login form may still be settling (autofocus, re-render): type until both fields hold what was typed
    until(d -> {
      WebElement username = visible(By.cssSelector("input[ng-model='username']"));
      WebElement secret = d.findElement(By.cssSelector("input[ng-model='password']"));
      username.clear();
      username.sendKeys(user);
      secret.clear();
      secret.sendKeys(password);
      return user.equals(username.getDomProperty("value")) && password.equals(secret.getDomProperty("value"))
          ? Boolean.TRUE : null;
    });
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
  }

  /** Forgets the session, as the user menu's "Log out" does. */
  void logOut() {
    if (driver.getCurrentUrl().startsWith(base)) {
      ((JavascriptExecutor) driver).executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
    }
    driver.manage().deleteAllCookies();
  }

  void open(String path) {
    driver.get(base + path);
  }

  private String console() {
    try {
      StringBuilder text = new StringBuilder();
      driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
          .forEach(entry -> text.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
      return text.toString();
    } catch (RuntimeException e) {
      return "(no console: " + e.getMessage() + ")";
    }
  }

  WebElement visible(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** The visible link or button whose text is exactly {@code text}, once it can be clicked. */
  WebElement clickable(String text) {
    return clickable(By.xpath("//*[(self::a or self::button) and normalize-space()=" + xpathLiteral(text) + "]"));
  }

  WebElement clickable(By locator) {
    return wait.until(d -> {
      for (WebElement element : d.findElements(locator)) {
        if (element.isDisplayed() && element.isEnabled()) {
          return element;
        }
      }
      return null;
    });
  }

  void script(String javascript) {
    ((JavascriptExecutor) driver).executeScript(javascript);
  }

  void click(String text) {
    press(clickable(text));
  }

  /** Clicks an element in the middle of its scroll pane, where no sticky header or footer covers it. */
  void press(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    wait.until(ExpectedConditions.elementToBeClickable(element)).click();
  }

  /** Waits until the page (or the element found by {@code scope}) shows all of {@code texts}; returns its text. */
  String awaitText(By scope, String... texts) {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(200)).withMessage(() -> "waiting for " + List.of(texts) + " in " + scope + "; the page says:\n" + bodyText())
        .until(d -> {
          for (WebElement element : d.findElements(scope)) {
            if (!element.isDisplayed()) {
              continue;
            }
            String text = element.getText();
            if (List.of(texts).stream().allMatch(text::contains)) {
              return text;
            }
          }
          return null;
        });
  }

  <T> T until(Function<WebDriver, T> condition) {
    return wait.until(condition);
  }

  String bodyText() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(no page: " + e.getMessage() + ")";
    }
  }

  /** Saves what the user sees now as {@code name}.png. */
  Path screenshot(String name) {
    Path file = screenshots.resolve(name + ".png");
    try {
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The page as it was when a step failed: a screenshot and its HTML next to the step screenshots. */
  void keepEvidence(String name) {
    try {
      screenshot(name);
      Files.writeString(screenshots.resolve(name + ".html"), driver.getPageSource());
      Files.writeString(screenshots.resolve(name + ".console.txt"), console());
    } catch (RuntimeException | IOException e) {
      // Evidence is a courtesy: never hide the original failure.
    }
  }

  static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(userDataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp dir left behind is harmless
      }
    }
  }
}

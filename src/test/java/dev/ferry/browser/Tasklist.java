package dev.ferry.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Tasklist as a person uses it: the task list, a task's form, Claim, Complete, Start process. */
final class Tasklist {

  static final By TASK_LIST = By.cssSelector(".tasks-list");
  static final By FORM = By.cssSelector(".fjs-container");
  static final By NOTIFICATIONS = By.cssSelector(".notifications");

  private static final By CLAIM = By.xpath("//*[(self::a or self::button) and normalize-space()='Claim']");
  private final Browser browser;

  Tasklist(Browser browser) {
    this.browser = browser;
  }

  void logIn(String user, String password) {
    browser.logIn("tasklist", user, password);
    browser.visible(TASK_LIST);
  }

  /** Clicks, in the task list, the task with this name for this package, and waits for its form. */
  String openTask(String taskName, String packageName) {
    browser.open("/camunda/app/tasklist/default/");
    By entry = By.xpath("//*[contains(@class,'tasks-list')]//li[.//*[normalize-space()="
        + Browser.xpathLiteral(taskName) + "] and contains(normalize-space(.)," + Browser.xpathLiteral(packageName)
        + ")]");
    browser.press(browser.clickable(entry)
        .findElement(By.xpath(".//*[normalize-space()=" + Browser.xpathLiteral(taskName) + "]")));
    return browser.awaitText(FORM, taskName);
  }

  void claim() {
    browser.click("Claim");
    browser.until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
  }

  /** Chooses the radio option or ticks the checkbox with this label. */
  void choose(String label) {
    WebElement option = browser.clickable(By.xpath("//*[contains(@class,'fjs-container')]//label[normalize-space()="
        + Browser.xpathLiteral(label) + "]"));
    browser.press(option);
  }

  /** Replaces the text of the form's text field or text area whose label starts with {@code label}. */
  void type(String label, String text) {
    WebElement caption = browser.visible(By.xpath("//*[contains(@class,'fjs-container')]//label[starts-with("
        + "normalize-space()," + Browser.xpathLiteral(label) + ")]"));
    WebElement field = browser.clickable(By.id(caption.getDomAttribute("for")));
    field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), org.openqa.selenium.Keys.DELETE);
    field.sendKeys(text);
  }

  /** Closes the notifications (a refusal stays until closed, over the form's Complete button). */
  void dismissNotifications() {
    browser.script("document.querySelectorAll('.page-notifications .close, .notifications .close')"
        + ".forEach(function (button) { button.click(); });");
    browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
  }

  void complete() {
    browser.click("Complete");
  }

  /** Start process → the process → its start form, filled with its defaults; returns the form's text. */
  String openStartForm(String processName) {
    browser.open("/camunda/app/tasklist/default/");
    browser.click("Start process");
    browser.clickable(By.xpath("//*[contains(@class,'modal')]//a[normalize-space()="
        + Browser.xpathLiteral(processName) + "]")).click();
    return browser.awaitText(FORM, "");
  }

  void start() {
    browser.press(browser.clickable(By.xpath("//*[contains(@class,'modal-footer')]//button[normalize-space()='Start']")));
  }
}

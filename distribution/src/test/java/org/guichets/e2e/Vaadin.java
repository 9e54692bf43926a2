package org.guichets.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** How the page objects drive Vaadin's components: typed into their inner inputs, as a person would. */
public final class Vaadin {

    private final WebDriver driver;
    private final WebDriverWait wait;

    public Vaadin(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(25));
        // the portal re-renders parts of a page as it answers: a fresh look finds the new elements
        this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebElement await(By by) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("never saw " + by + "; the page says:\n" + page() + failureScreenshot(), e);
        }
    }

    /** Replaces a text field's (or text area's) value and leaves the field, which saves it. */
    public void type(String id, String text) {
        WebElement host = await(By.id(id));
        WebElement input = host.findElement(By.cssSelector("input, textarea"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
    }

    /** Types a date in the picker's format, commits it and closes its overlay. */
    public void date(String id, String text) {
        WebElement input = await(By.id(id)).findElement(By.cssSelector("input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("vaadin-date-picker-overlay[opened]")).isEmpty());
        input.sendKeys(Keys.TAB);
    }

    /**
     * Saves a screenshot of the page as {@code <dir>/<name>.png} when the system property
     * {@code guichets.screenshots} names a folder (how docs/screenshots is made); otherwise nothing.
     */
    public void screenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("guichets.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        java.nio.file.Files.write(java.nio.file.Path.of(dir, name + ".png"), png);
    }

    /** Sends a file to a Vaadin upload, as a drop or a pick would. */
    public void upload(String uploadId, java.nio.file.Path file) {
        WebElement upload = await(By.id(uploadId));
        WebElement input = (WebElement) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const i = arguments[0].shadowRoot.querySelector('input[type=file]') || arguments[0].querySelector('input[type=file]');"
                        + " i.hidden = false; i.style.display = 'block'; return i;", upload);
        input.sendKeys(file.toAbsolutePath().toString());
    }

    /** Picks a combo box item by the text typed into it. */
    public void choose(String id, String text) {
        WebElement input = await(By.id(id)).findElement(By.cssSelector("input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
        wait.until(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
        input.sendKeys(Keys.ARROW_DOWN);
        input.sendKeys(Keys.ENTER);
        input.sendKeys(Keys.TAB);
    }

    /** Clicks the checkbox or radio button of a group whose label contains {@code label}. */
    public void pick(String groupId, String label) {
        WebElement group = await(By.id(groupId));
        List<WebElement> items = group.findElements(By.cssSelector("vaadin-checkbox, vaadin-radio-button"));
        WebElement item = items.stream().filter(i -> i.getText().contains(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no item '" + label + "' in " + groupId + ": " + group.getText()));
        WebElement input = item.findElement(By.cssSelector("input"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
        settled(input);
        try {
            input.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException shifting) {
            // the page is still laying out (previews loading): the same click, delivered to the input itself
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
        }
    }

    /** Presses Tab, as a keyboard user would, until the element {@code id} (or what it holds) has the focus. */
    public void tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            Object there = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;"
                            + " return !!(a && a.closest && a.closest('#' + arguments[0]));", id);
            if (Boolean.TRUE.equals(there)) {
                return;
            }
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id + "; the page says:\n" + page());
    }

    /** Keys sent to whatever has the focus. */
    public void keys(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
    }

    public void awaitGone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public void click(String id) {
        WebElement target = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", target);
        settled(target);
        target.click();
    }

    /** Waits until the element stops moving (previews and lazy parts of the page still laying out), at most 3 s. */
    private void settled(WebElement element) {
        org.openqa.selenium.Rectangle before = element.getRect();
        for (int i = 0; i < 30; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            org.openqa.selenium.Rectangle now = element.getRect();
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
    }

    /** The error message a field shows, once it shows one. */
    public String errorOf(String id) {
        return wait.until(d -> {
            WebElement host = d.findElement(By.id(id));
            String invalid = host.getAttribute("invalid");
            if (invalid == null) {
                return null;
            }
            String message = host.findElement(By.cssSelector("[slot='error-message']")).getText();
            return message.isBlank() ? null : message;
        });
    }

    /** A field's value as its inner input holds it. */
    public String valueOf(String id) {
        return await(By.id(id)).findElement(By.cssSelector("input, textarea")).getAttribute("value");
    }

    public String text(String id) {
        return await(By.id(id)).getText();
    }

    /** Waits until the element's text contains {@code expected}. */
    public String awaitText(String id, String expected) {
        try {
            return wait.until(d -> {
                List<WebElement> found = d.findElements(By.id(id));
                return !found.isEmpty() && found.get(0).getText().contains(expected) ? found.get(0).getText() : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            List<WebElement> found = driver.findElements(By.id(id));
            throw new AssertionError("#" + id + " never said \"" + expected + "\"; it says: "
                    + (found.isEmpty() ? "(absent)" : found.get(0).getText()) + "\nthe page says:\n" + page(), e);
        }
    }

    public void awaitPath(String path) {
        try {
            wait.until(d -> d.getCurrentUrl().replaceAll("\\?.*", "").endsWith(path));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not at " + path + " but at " + driver.getCurrentUrl() + "; the page says:\n" + page(), e);
        }
    }

    /** Saves what the browser shows under target/failsafe-reports, for a failure's message. */
    private String failureScreenshot() {
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Path file = java.nio.file.Path.of("target", "failsafe-reports", "browser-" + System.currentTimeMillis() + ".png");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, png);
            Object groups = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.querySelectorAll('vaadin-radio-group')).map(g => g.id + '=' + g.value).join(', ');");
            return "\n[screenshot] " + file.toAbsolutePath() + "\n[radio groups] " + groups;
        } catch (RuntimeException | java.io.IOException e) {
            return "\n[no screenshot: " + e + "]";
        }
    }

    /** The page's visible text and the error messages of its fields, for a failure's message. */
    public String page() {
        StringBuilder sb = new StringBuilder(driver.findElement(By.tagName("body")).getText());
        for (WebElement e : driver.findElements(By.cssSelector("[invalid] [slot='error-message']"))) {
            sb.append("\n[field error] ").append(e.getText());
        }
        return sb.toString();
    }
}

package org.guichets.e2e;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the public verification page, {@code /verify/{id}}. */
public final class VerifyPage {

    private final WebDriver driver;
    private final WebDriverWait wait;

    public VerifyPage(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
    }

    public VerifyPage open(String url) {
        driver.get(url);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify")));
        return this;
    }

    public String title() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** What the registry said of the identifier in the address. */
    public String registryStatus() {
        return wait.until(d -> {
            String text = d.findElement(By.id("registry-status")).getText();
            return text.isBlank() ? null : text;
        });
    }

    /** Uploads a file through the page's upload field and waits for the verdict with this outcome. */
    public WebElement uploadAndAwaitVerdict(Path file, String outcome) {
        WebElement upload = driver.findElement(By.id("pdf-upload"));
        WebElement input = (WebElement) ((JavascriptExecutor) driver).executeScript(
                "const i = arguments[0].shadowRoot.querySelector('input[type=file]') || arguments[0].querySelector('input[type=file]');"
                        + " i.hidden = false; i.style.display = 'block'; return i;", upload);
        input.sendKeys(file.toAbsolutePath().toString());
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict-" + outcome)));
    }
}

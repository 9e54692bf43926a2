package org.guichets.e2e;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the portal's first page. */
public final class HomePage {

    private final WebDriver driver;
    private final WebDriverWait wait;

    public HomePage(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
    }

    public HomePage open(String url) {
        driver.get(url);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dispositifs")));
        return this;
    }

    public String title() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The page's declared language, {@code <html lang>}. */
    public String lang() {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.lang;");
    }

    public boolean showsNoScheme() {
        return !driver.findElements(By.id("no-dispositif")).isEmpty();
    }

    public WebElement awaitScheme(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(schemeCard(id)));
    }

    public void awaitSchemeGone(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(schemeCard(id)));
    }

    public void awaitNoScheme() {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-dispositif")));
    }

    /**
     * Waits until the scheme's card lists these guichets (a scheme made of several bundles is
     * pushed again as each arrives) and answers the card's text.
     */
    public String awaitGuichets(String schemeId, List<String> guichets) {
        return wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement card = d.findElement(schemeCard(schemeId));
            List<String> shown = card.findElements(By.cssSelector("li.guichet")).stream().map(e -> e.getAttribute("data-guichet"))
                    .toList();
            return shown.equals(guichets) ? card.getText() : null;
        });
    }

    public List<String> guichetsOf(String schemeId) {
        return driver.findElement(schemeCard(schemeId)).findElements(By.cssSelector("li.guichet")).stream()
                .map(e -> e.getAttribute("data-guichet")).toList();
    }

    public void switchLanguage() {
        String before = title();
        driver.findElement(By.id("language-switch")).click();
        wait.until(d -> !d.findElement(By.tagName("h1")).getText().equals(before));
    }

    /** Leaves a mark in the page's JavaScript state: it survives push updates, not a reload. */
    public void markPage() {
        ((JavascriptExecutor) driver).executeScript("window.__guichetsMark = 'still-here';");
    }

    public boolean isSamePage() {
        return "still-here".equals(((JavascriptExecutor) driver).executeScript("return window.__guichetsMark;"));
    }

    private static By schemeCard(String id) {
        return By.cssSelector("section.dispositif[data-dispositif='" + id + "']");
    }
}

package dev.ipcframework.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard at {@code /ipc/dashboard/} in a real headless Chromium: it follows connections and subscriptions live, without
 * a reload. Skipped, saying why, where Chromium and its driver are not installed (Debian packages {@code chromium}
 * and {@code chromium-driver}).
 */
class DashboardBrowserTests extends IpcServerTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Generous: the page polls once a second, and the machine may be busy with other builds. */
	private static final Duration WAIT = Duration.ofSeconds(20);

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Skipped: no headless browser; install the Debian packages chromium and chromium-driver ("
						+ CHROMIUM + ", " + CHROMEDRIVER + ")");
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		// the system's driver, never one Selenium Manager would download
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
		this.browser = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.browser, WAIT);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void connectionCountAndChannelTreeFollowClientsLive() throws IOException {
		this.browser.get("http://127.0.0.1:" + this.httpPort + "/ipc/dashboard/");
		this.wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
		// clients of earlier tests may still be on their way out
		this.wait.until(ExpectedConditions.textToBe(By.id("connections-tcp"), "0"));

		RawClient client = connected(Transport.TCP, "dashboard-app");
		client.send("prices", "subscribe", Map.of());
		client.sync();

		this.wait.until(ExpectedConditions.textToBe(By.id("connections-tcp"), "1"));
		By subscribers = By.cssSelector("li[data-app='dashboard-app'] li[data-channel='prices'] .subscribers");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(subscribers, "1 subscriber"));
		assertThat(this.browser.findElement(By.id("connections-total")).getText()).isEqualTo("1");
		// the rate chart is a line once there are two rates, that is three polls; the page redraws it each time
		this.wait.ignoring(StaleElementReferenceException.class)
			.until((page) -> page.findElement(By.cssSelector("#rate-chart polyline.in"))
				.getDomAttribute("points")
				.contains(" "));
		saveScreenshot();

		client.close();

		this.wait.until(ExpectedConditions.textToBe(By.id("connections-tcp"), "0"));
	}

	private void saveScreenshot() throws IOException {
		File shot = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", "dashboard.png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}

package dev.ipcframework.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The system's headless Chromium through its own chromedriver (never one Selenium Manager would download), for the
 * dashboard's browser tests. Tests are skipped, saying why, where the Debian packages {@code chromium} and
 * {@code chromium-driver} are not installed.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final int WIDTH = 1280;

	private final ChromeDriver driver;

	private HeadlessChromium(ChromeDriver driver) {
		this.driver = driver;
	}

	public static void assumeInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Skipped: no headless browser; install the Debian packages chromium and chromium-driver ("
						+ CHROMIUM + ", " + CHROMEDRIVER + ")");
	}

	public static HeadlessChromium start(Path profile) {
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + WIDTH + ",900", "--user-data-dir=" + profile);
		return new HeadlessChromium(new ChromeDriver(service, options));
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public WebDriverWait waiting(Duration timeout) {
		return new WebDriverWait(this.driver, timeout);
	}

	public Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Saves the whole page, not only the window, as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		Dimension window = this.driver.manage().window().getSize();
		Number height = (Number) script("return document.documentElement.scrollHeight;");
		// the window's size includes what the browser draws around the page
		Number inner = (Number) script("return window.innerHeight;");
		int frame = Math.max(0, window.getHeight() - inner.intValue());
		try {
			this.driver.manage().window().setSize(new Dimension(WIDTH, Math.max(900, height.intValue() + frame)));
			// the charts follow the window's size on its resize event
			Thread.sleep(500);
			Path target = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		finally {
			this.driver.manage().window().setSize(window);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}

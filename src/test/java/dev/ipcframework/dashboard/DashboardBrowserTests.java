package dev.ipcframework.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.HeadlessChromium;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /ipc/dashboard/} in a real headless Chromium, with traffic from real TCP and WebSocket
 * clients: figures and charts move without a reload as the server pushes snapshots, the connections table lists a
 * client and its disconnect button closes it, and publishing a test message reaches a real subscriber. Saves
 * {@code target/screenshots/dashboard.png}.
 */
class DashboardBrowserTests extends IpcServerTest {

	/** Generous: the machine may be busy with other builds. */
	private static final Duration WAIT = Duration.ofSeconds(20);

	private HeadlessChromium chromium;

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeAll
	static void browserInstalled() {
		HeadlessChromium.assumeInstalled();
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		this.chromium = HeadlessChromium.start(profile);
		this.browser = this.chromium.driver();
		this.wait = this.chromium.waiting(WAIT);
	}

	@AfterEach
	void closeBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	private void openDashboard() {
		this.browser.get("http://127.0.0.1:" + this.httpPort + "/ipc/dashboard/");
		this.wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
		assertThat(this.browser.findElement(By.id("status")).getDomAttribute("data-feed")).isEqualTo("events");
	}

	@Test
	void figuresChartsAndTablesFollowRealTrafficWithoutAReload() throws Exception {
		openDashboard();
		this.chromium.script("window.notReloaded = true;");
		String firstServerTime = this.browser.findElement(By.id("server-time")).getText();

		RawClient requester = connected(Transport.TCP, TestHandlers.APP);
		RawClient subscriber = connected(Transport.WEBSOCKET, "market");
		subscriber.send("prices", "subscribe", Map.of());
		subscriber.sync();
		// a second subscriber, so that more goes out than comes in and both chart lines show
		RawClient second = connected(Transport.TCP, "market");
		second.send("prices", "subscribe", Map.of());
		second.sync();
		RawClient publisher = connected(Transport.WEBSOCKET, "market");
		requester.request("fail", Map.of());
		AtomicBoolean running = new AtomicBoolean(true);
		Thread traffic = new Thread(() -> {
			int n = 0;
			while (running.get()) {
				requester.request("echo", Map.of("n", n++));
				publisher.send("prices", "publish", Map.of("price", 100 + n % 7));
				if (n % 3 == 0) {
					publisher.send("prices", "publish", Map.of("price", 100 + n % 5));
				}
				sleep(20);
			}
		}, "dashboard-traffic");
		traffic.start();
		try {
			this.wait.until((page) -> !page.findElement(By.id("server-time")).getText().equals(firstServerTime));
			this.wait.until((page) -> number(page.findElement(By.id("rate-in"))) > 0);
			this.wait.until((page) -> number(page.findElement(By.id("rate-out"))) > 0);
			this.wait.until((page) -> !page.findElement(By.id("latency-p99")).getText().equals("–"));
			this.wait.until(ExpectedConditions.presenceOfElementLocated(
					By.cssSelector("#connections tr[data-connection='" + requester.connectionId() + "']")));
			By prices = By.cssSelector("#channels tr[data-app='market'][data-channel='prices'] td.subscribers");
			this.wait.until(ExpectedConditions.textToBe(prices, "2"));
			this.wait.until(ExpectedConditions
				.presenceOfElementLocated(By.cssSelector("#errors tr[data-code='HANDLER_ERROR']")));
			// the charts hold several seconds of points
			this.wait.until((page) -> ((Number) this.chromium.script(
					"return document.querySelectorAll('#chart-messages .u-over').length")).intValue() == 1);
			Thread.sleep(8000);
			this.chromium.screenshot("dashboard");
		}
		finally {
			running.set(false);
			traffic.join();
		}
		assertThat(this.chromium.script("return window.notReloaded === true;")).isEqualTo(Boolean.TRUE);
		assertThat(this.browser.findElement(By.id("status")).getText()).isEqualTo("live");
	}

	@Test
	void disconnectButtonClosesTheConnection() {
		openDashboard();
		RawClient client = connected(Transport.TCP, "doomed");
		client.sync();
		By row = By.cssSelector("#connections tr[data-connection='" + client.connectionId() + "']");
		WebElement button = this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
				"#connections tr[data-connection='" + client.connectionId() + "'] button.disconnect")));

		button.click();

		assertThat(client.awaitClosed(WAIT)).isTrue();
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
		assertThat(this.browser.findElement(By.id("notice")).getText())
			.isEqualTo("Disconnected " + client.connectionId());
	}

	@Test
	void publishButtonReachesARealSubscriber() {
		openDashboard();
		RawClient subscriber = connected(Transport.WEBSOCKET, "bulletin");
		subscriber.send("news", "subscribe", Map.of());
		subscriber.sync();
		By button = By.cssSelector("#channels tr[data-app='bulletin'][data-channel='news'] button.publish");
		this.wait.until(ExpectedConditions.elementToBeClickable(button));
		WebElement message = this.browser.findElement(By.id("test-message"));
		message.clear();
		message.sendKeys("{\"headline\": \"from the browser\"}");

		this.browser.findElement(button).click();

		JsonNode published = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(published.path("payload").path("headline").asString()).isEqualTo("from the browser");
		this.wait.until(ExpectedConditions.textToBe(By.id("notice"), "Published to bulletin/news: 1 subscriber"));
	}

	private static double number(WebElement element) {
		try {
			return Double.parseDouble(element.getText());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

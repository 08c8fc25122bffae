package dev.ipcframework.dashboard;

import java.nio.file.Path;
import java.time.Duration;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.HeadlessChromium;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that embeds the library under a context path of its own: the page, its feed and its actions all
 * live under that path, because every URL of the page is relative.
 */
@TestPropertySource(properties = "server.servlet.context-path=/host")
class ContextPathDashboardBrowserTests extends IpcServerTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private HeadlessChromium chromium;

	@BeforeAll
	static void browserInstalled() {
		HeadlessChromium.assumeInstalled();
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		this.chromium = HeadlessChromium.start(profile);
	}

	@AfterEach
	void closeBrowser() {
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	@Test
	void pageFeedAndActionsWorkUnderTheContextPath() {
		ActuatorClient http = new ActuatorClient(this.httpPort);
		assertThat(http.send("GET", "/ipc/dashboard/").statusCode()).isEqualTo(404);
		assertThat(http.send("GET", "/host/ipc/dashboard/state").statusCode()).isEqualTo(200);
		RawClient client = connected(Transport.TCP, "embedded");
		client.sync();
		WebDriverWait wait = this.chromium.waiting(WAIT);

		this.chromium.driver().get("http://127.0.0.1:" + this.httpPort + "/host/ipc/dashboard/");

		wait.until(ExpectedConditions.textToBe(By.id("status"), "live"));
		assertThat(this.chromium.driver().findElement(By.id("status")).getDomAttribute("data-feed"))
			.isEqualTo("events");
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
				"#connections tr[data-connection='" + client.connectionId() + "'] button.disconnect")))
			.click();
		assertThat(client.awaitClosed(WAIT)).isTrue();
	}

}

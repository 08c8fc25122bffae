package dev.ipcframework.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In an application that uses the library, the dashboard has a path of its own and the application's root is left
 * alone.
 */
class DashboardTests extends IpcServerTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void pageAndItsFilesAreServedUnderTheDashboardsPath() throws Exception {
		HttpResponse<String> page = get("/ipc/dashboard/");
		HttpResponse<String> script = get("/ipc/dashboard/dashboard.js");
		HttpResponse<String> style = get("/ipc/dashboard/dashboard.css");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"dashboard.js\"></script>");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("../../actuator/ipc");
		assertThat(style.statusCode()).isEqualTo(200);
		for (String part : new String[] { "page.js", "charts.js", "tables.js", "actions.js", "feed.js" }) {
			assertThat(page.body()).contains("<script src=\"" + part + "\"></script>");
			assertThat(get("/ipc/dashboard/" + part).statusCode()).as(part).isEqualTo(200);
		}
	}

	@Test
	void pathWithoutTheTrailingSlashRedirectsToThePage() throws Exception {
		HttpResponse<String> response = get("/ipc/dashboard");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/ipc/dashboard/"));
	}

	@Test
	void applicationsRootAndStaticPathsAreNotTaken() throws Exception {
		assertThat(get("/").statusCode()).isEqualTo(404);
		assertThat(get("/index.html").statusCode()).isEqualTo(404);
		assertThat(get("/dashboard.js").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}

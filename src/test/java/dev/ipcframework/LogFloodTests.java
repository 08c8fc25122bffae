package dev.ipcframework;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client cannot decide how fast the server's log grows: a thousand bad frames, refused first frames, oversized
 * frames and failing handler calls leave a few lines that name each problem, not a line (or a stack trace) each.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "ipc.tcp.max-frame-size=4KB", "ipc.connection.handshake-timeout=30s" })
class LogFloodTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Test
	void aThousandBadFramesOnOneConnectionAreAnsweredButNotLogged(CapturedOutput output) {
		for (Transport transport : Transport.values()) {
			RawClient client = connected(transport, APP);
			for (int i = 0; i < 1000; i++) {
				client.sendJson("{\"message_id\":\"m" + i + "\",\"not\":\"an envelope\"}");
			}
			client.sync();
			assertThat(client.isClosed()).isFalse();
		}

		assertThat(linesWith(output, "BAD_FRAME")).isZero();
	}

	@Test
	void connectionsRefusedForTheSameReasonLeaveOneLinePerReason(CapturedOutput output) {
		long linesBefore = output.getAll().lines().count();
		long started = System.nanoTime();
		for (Transport transport : Transport.values()) {
			for (int i = 0; i < 100; i++) {
				// a first frame that is not a connect request, and a frame over the limit
				RawClient refused = open(transport);
				refused.sendJson(RawClient.envelope(APP, "news", "publish", Map.of()).toString());
				RawClient oversized = open(transport);
				oversized.sendBytes(oversized(transport));
				assertThat(refused.awaitClosed(WAIT)).as("%s connection %d refused as not connected is closed", transport, i)
					.isTrue();
				assertThat(oversized.awaitClosed(WAIT)).as("%s connection %d refused as too large is closed", transport, i)
					.isTrue();
				refused.close();
				oversized.close();
			}
		}

		// a line per reason, and one more for every 10 s the run took
		long allowed = 1 + Duration.ofNanos(System.nanoTime() - started).toSeconds() / 10;
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(linesWith(output, "FRAME_TOO_LARGE")).isBetween(1L, allowed));
		assertThat(linesWith(output, "NOT_CONNECTED")).isBetween(1L, allowed);
		assertThat(output.getAll().lines().count() - linesBefore).as("log lines for 400 refused connections")
			.isLessThan(20);
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	@Test
	void aHandlerFailingAThousandTimesLogsOneStackTrace(CapturedOutput output) {
		RawClient client = connected(Transport.TCP, APP);
		for (int i = 0; i < 1000; i++) {
			client.send("fail", "request", Map.of());
		}
		JsonNode last = client.request("fail", Map.of());

		assertThat(last.path("payload").path("error").path("code").asString()).isEqualTo("HANDLER_ERROR");
		assertThat(linesWith(output, "failed for")).isEqualTo(1);
		// one stack trace: the exception as the future completed with it, and its cause
		assertThat(linesWith(output, "the handler broke on purpose")).isBetween(1L, 2L);
	}

	private static byte[] oversized(Transport transport) {
		if (transport == Transport.TCP) {
			// only the header: the server refuses the frame from it
			return ByteBuffer.allocate(4).putInt(64 * 1024).array();
		}
		byte[] body = new byte[8 * 1024];
		Arrays.fill(body, (byte) 'x');
		return body;
	}

	private static long linesWith(CapturedOutput output, String text) {
		return output.getAll().lines().filter((line) -> line.contains(text)).count();
	}

}

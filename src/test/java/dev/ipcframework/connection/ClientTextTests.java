package dev.ipcframework.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTextTests {

	@Test
	void newlinesAndNulBytesCannotForgeALogLine() {
		String forged = ClientText.forLog("publish\n2026-12-01 ERROR forged line\r\u0000\u2028end");

		assertThat(forged).doesNotContain("\n", "\r", "\u0000", "\u2028")
			.isEqualTo("publish\\u000a2026-12-01 ERROR forged line\\u000d\\u0000\\u2028end");
	}

	@Test
	void longTextIsCappedAndSaysHowLongItWas() {
		String name = "n".repeat(10_000);

		assertThat(ClientText.forLog(name)).hasSize(ClientText.MAX_LOGGED_CHARS + "…(10000 chars)".length())
			.endsWith("…(10000 chars)");
	}

	@Test
	void plainTextIsUnchanged() {
		assertThat(ClientText.forLog("orders café")).isEqualTo("orders café");
		assertThat(ClientText.forLog(null)).isEqualTo("null");
	}

}

package dev.ipcframework.protocol;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpcEnvelopeTests {

	@Test
	void newMessageIdsAreDistinctVersionFourUuids() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = IpcEnvelope.newMessageId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).as(id).isEqualTo(4);
			assertThat(uuid.variant()).as(id).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}

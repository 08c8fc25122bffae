package dev.ipcframework.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelPermissionsTests {

	private final ChannelPermissions permissions = ChannelPermissions.of(Map.of(IpcAction.SUBSCRIBE,
			List.of("news.*", "weather"), IpcAction.PUBLISH, List.of("*")));

	@Test
	void exactPatternMatchesOnlyThatChannel() {
		assertThat(this.permissions.permits(IpcAction.SUBSCRIBE, "weather")).isTrue();
		assertThat(this.permissions.permits(IpcAction.SUBSCRIBE, "weather.today")).isFalse();
	}

	@Test
	void trailingStarMatchesAPrefix() {
		assertThat(this.permissions.permits(IpcAction.SUBSCRIBE, "news.sports")).isTrue();
		assertThat(this.permissions.permits(IpcAction.SUBSCRIBE, "news")).isFalse();
		assertThat(this.permissions.permits(IpcAction.SUBSCRIBE, "newsroom")).isFalse();
	}

	@Test
	void starAloneMatchesEveryChannel() {
		assertThat(this.permissions.permits(IpcAction.PUBLISH, "anything.at.all")).isTrue();
	}

	@Test
	void actionWithoutPatternsIsDenied() {
		assertThat(this.permissions.permits(IpcAction.REQUEST, "weather")).isFalse();
		assertThat(this.permissions.permits(IpcAction.SERVE, "news.sports")).isFalse();
	}

	@Test
	void allPermitsEverything() {
		for (IpcAction action : IpcAction.values()) {
			assertThat(ChannelPermissions.ALL.permits(action, "x")).isTrue();
		}
	}

}

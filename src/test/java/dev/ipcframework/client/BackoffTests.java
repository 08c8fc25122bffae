package dev.ipcframework.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait between reconnect attempts.
 */
class BackoffTests {

	@Test
	void doublesFromTheInitialDelayUpToTheMaximum() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ZERO);

		assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void addsAtMostTheJitter() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(50));

		for (int i = 0; i < 1000; i++) {
			assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
			assertThat(backoff.delay(30)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1050));
		}
	}

}

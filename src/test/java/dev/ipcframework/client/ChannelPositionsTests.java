package dev.ipcframework.client;

import dev.ipcframework.protocol.StreamPosition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelPositionsTests {

	private final ChannelPositions positions = new ChannelPositions();

	@Test
	void aMessageNotAfterTheLastPositionOfTheSameEpochIsSeenAlready() {
		assertThat(this.positions.advance("prices", new StreamPosition(4, "e1"))).isTrue();

		assertThat(this.positions.advance("prices", new StreamPosition(4, "e1"))).isFalse();
		assertThat(this.positions.advance("prices", new StreamPosition(3, "e1"))).isFalse();
		assertThat(this.positions.advance("prices", new StreamPosition(5, "e1"))).isTrue();
		assertThat(this.positions.advance("prices", new StreamPosition(1, "e2"))).isTrue();
		assertThat(this.positions.last("prices")).isEqualTo(new StreamPosition(1, "e2"));
	}

	@Test
	void anAcknowledgementSetsThePositionAndReportsTheOutcomeOfARecovery() {
		this.positions.subscribing("first", "prices", null);
		assertThat(this.positions.acknowledged("first", ack(false, 7, "e1"))).isNull();
		assertThat(this.positions.last("prices")).isEqualTo(new StreamPosition(7, "e1"));

		this.positions.subscribing("again", "prices", new StreamPosition(7, "e1"));
		ChannelRecovery recovery = this.positions.acknowledged("again", ack(true, 9, "e1"));

		assertThat(recovery).isEqualTo(new ChannelRecovery("prices", new StreamPosition(7, "e1"), true,
				new StreamPosition(9, "e1")));
		assertThat(this.positions.acknowledged("again", ack(true, 9, "e1"))).isNull();
	}

	@Test
	void forgetsTheChannelsPositionAndAwaitedAcknowledgementsWhenTheClientLeavesIt() {
		this.positions.advance("prices", new StreamPosition(4, "e1"));
		this.positions.subscribing("again", "prices", new StreamPosition(4, "e1"));

		this.positions.forget("prices");

		assertThat(this.positions.last("prices")).isNull();
		assertThat(this.positions.acknowledged("again", ack(true, 4, "e1"))).isNull();
		assertThat(this.positions.last("prices")).isNull();
	}

	private static ObjectNode ack(boolean recovered, long offset, String epoch) {
		return JsonNodeFactory.instance.objectNode().put("status", "subscribed").put("recovered", recovered)
			.put("offset", offset).put("epoch", epoch);
	}

}

package dev.ipcframework.transport.tcp;

import java.io.IOException;

import dev.ipcframework.connection.FrameWriter;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Writes frames to one TCP connection through the sending adapter that shares the server's connection factory.
 */
class TcpFrameWriter implements FrameWriter {

	private final String connectionId;

	private final TcpSendingMessageHandler sender;

	private final AbstractServerConnectionFactory factory;

	TcpFrameWriter(String connectionId, TcpSendingMessageHandler sender, AbstractServerConnectionFactory factory) {
		this.connectionId = connectionId;
		this.sender = sender;
		this.factory = factory;
	}

	@Override
	public void write(byte[] frame) throws IOException {
		try {
			this.sender.handleMessage(
					MessageBuilder.withPayload(frame).setHeader(IpHeaders.CONNECTION_ID, this.connectionId).build());
		}
		catch (MessagingException ex) {
			throw new IOException("send to TCP connection " + this.connectionId + " failed", ex);
		}
	}

	@Override
	public void close() {
		this.factory.closeConnection(this.connectionId);
	}

}

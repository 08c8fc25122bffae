package dev.ipcframework.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.TextMessage;

/**
 * Turns the parts of one session's text messages into Spring's {@link TextMessage}s: a whole message as the UTF-8
 * bytes it is, without decoding; a message in parts decoded part by part, since a part, unlike a message, carries
 * no bytes but characters, and a character may span two parts. Used by the session's reading thread only.
 */
final class TextParts {

	private static final byte[] NONE = new byte[0];

	/** Decodes the message under way, if it came in parts. */
	private @Nullable CharsetDecoder decoder;

	/** The first bytes of a character whose rest the next part holds. */
	private byte[] carried = NONE;

	/**
	 * @throws CharacterCodingException when a message in parts is not UTF-8
	 */
	TextMessage message(byte[] part, boolean last) throws CharacterCodingException {
		if (last && this.decoder == null) {
			return new TextMessage(part);
		}
		CharsetDecoder utf8 = this.decoder;
		if (utf8 == null) {
			utf8 = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			this.decoder = utf8;
		}
		ByteBuffer bytes = ByteBuffer.allocate(this.carried.length + part.length).put(this.carried).put(part).flip();
		CharBuffer chars = CharBuffer.allocate(bytes.remaining());
		CoderResult result = utf8.decode(bytes, chars, last);
		if (result.isError()) {
			result.throwException();
		}
		this.carried = (bytes.hasRemaining()) ? new byte[bytes.remaining()] : NONE;
		bytes.get(this.carried);
		if (last) {
			utf8.flush(chars);
			this.decoder = null;
		}
		return new TextMessage(chars.flip(), last);
	}

}

package dev.ipcframework.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether bytes are well-formed UTF-8, as RFC 3629 defines it: no overlong forms (such as {@code C0 AF} for
 * {@code /}), no encoded surrogates, nothing above U+10FFFF. Jackson's parser lets the first two through inside
 * strings, and an overlong {@code /} is the classic way past a check on the decoded text.
 */
final class Utf8Validation {

	private Utf8Validation() {
	}

	static boolean isWellFormed(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				return decodesStrictly(bytes);
			}
		}
		// ASCII only, as every frame of the original clients (json.dumps escapes the rest) and of this server
		return true;
	}

	private static boolean decodesStrictly(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}

package dev.ipcframework.bench.natscompare;

/**
 * The bytes of one outgoing message, transport header included, with the offsets of its fixed-width placeholders:
 * the in-flight slot of a request (4 digits, -1 for none) and the places of a sequence number (10 digits each; a
 * publish carries it in its message id and its payload). Sending is a copy of the template plus a few digit
 * writes, no JSON encoding.
 */
record FrameTemplate(byte[] bytes, int slotOffset, int[] sequenceOffsets) {

	static final int SLOT_DIGITS = 4;

	static final int SEQUENCE_DIGITS = 10;

	int length() {
		return this.bytes.length;
	}

	/** Copies the template to target at offset and fills in its placeholders. */
	void writeTo(byte[] target, int offset, int slot, long sequence) {
		System.arraycopy(this.bytes, 0, target, offset, this.bytes.length);
		if (this.slotOffset >= 0) {
			AsciiBytes.writeDigits(target, offset + this.slotOffset, SLOT_DIGITS, slot);
		}
		for (int sequenceOffset : this.sequenceOffsets) {
			AsciiBytes.writeDigits(target, offset + sequenceOffset, SEQUENCE_DIGITS, sequence);
		}
	}

	/** The same message behind a transport header (a length prefix, a WebSocket frame header). */
	FrameTemplate behind(byte[] header) {
		byte[] framed = new byte[header.length + this.bytes.length];
		System.arraycopy(header, 0, framed, 0, header.length);
		System.arraycopy(this.bytes, 0, framed, header.length, this.bytes.length);
		int[] shifted = new int[this.sequenceOffsets.length];
		for (int i = 0; i < shifted.length; i++) {
			shifted[i] = this.sequenceOffsets[i] + header.length;
		}
		return new FrameTemplate(framed, (this.slotOffset < 0) ? -1 : this.slotOffset + header.length, shifted);
	}

}

package dev.ipcframework.transport.tcp;

/**
 * Whether a TLS client must present a certificate ({@code ipc.tcp.ssl.client-auth}).
 */
public enum TlsClientAuth {

	/** No client certificate is asked for. */
	NONE,

	/** A certificate is asked for; a client without one is still accepted. */
	WANT,

	/** A client without a certificate trusted by the bundle's trust store fails the TLS handshake. */
	NEED

}

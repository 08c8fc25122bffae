package dev.ipcframework.testapp;

import java.util.Map;

import javax.security.auth.x500.X500Principal;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.handler.IpcHandler;

import org.springframework.stereotype.Component;

/**
 * A handler that tells a client what the server knows of its TLS client certificate.
 */
@Component
public class TlsHandlers {

	@IpcHandler(app = TestHandlers.APP, channel = "certificate")
	public Map<String, String> certificate(IpcConnection connection) {
		X500Principal subject = connection.clientCertificateSubject();
		return Map.of("subject", (subject != null) ? subject.getName(X500Principal.RFC2253) : "");
	}

}

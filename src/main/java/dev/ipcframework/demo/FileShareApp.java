package dev.ipcframework.demo;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.routing.IpcTemplate;

/**
 * The file-sharing demo ({@code file_share}): files uploaded in base64 chunks, checked against the SHA-256 the
 * uploader announced, kept in memory (up to a total size), listed, and downloaded in chunks. Every finished upload
 * is published on channel {@code files}.
 */
public class FileShareApp {

	public static final String APP = "file_share";

	/** Bytes per chunk: 64 KiB, about 87 KiB of base64, well inside the 1 MiB frame limit. */
	public static final int CHUNK_SIZE = 64 * 1024;

	/** A stored file. */
	record StoredFile(String name, byte[] content, String sha256) {

		Map<String, Object> describe() {
			return Map.of("name", this.name, "size", this.content.length, "sha256", this.sha256, "chunks",
					chunks(this.content.length), "chunk_size", CHUNK_SIZE);
		}

	}

	/** An upload in progress. */
	record Upload(String name, long size, String sha256, ByteArrayOutputStream content) {
	}

	public record UploadStart(String name, long size, String sha256) {
	}

	public record UploadChunk(@JsonProperty("upload_id") String uploadId, int index, String data) {
	}

	public record UploadRef(@JsonProperty("upload_id") String uploadId) {
	}

	public record FileRef(String name) {
	}

	public record ChunkRef(String name, int index) {
	}

	private final IpcTemplate template;

	private final long maxBytes;

	private final AtomicLong storedBytes = new AtomicLong();

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

	FileShareApp(IpcTemplate template, long maxBytes) {
		this.template = template;
		this.maxBytes = maxBytes;
	}

	@IpcHandler(app = APP, channel = "upload_start")
	public Map<String, Object> uploadStart(UploadStart start) {
		if (start.name() == null || start.name().isBlank() || start.sha256() == null) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "'name', 'size' and 'sha256' are required");
		}
		if (start.size() < 0 || this.storedBytes.get() + start.size() > this.maxBytes) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "no room for " + start.size() + " bytes");
		}
		String id = UUID.randomUUID().toString();
		this.uploads.put(id, new Upload(start.name(), start.size(), start.sha256(), new ByteArrayOutputStream()));
		return Map.of("upload_id", id, "chunk_size", CHUNK_SIZE, "chunks", chunks(start.size()));
	}

	@IpcHandler(app = APP, channel = "upload_chunk")
	public Map<String, Object> uploadChunk(UploadChunk chunk) {
		Upload upload = upload(chunk.uploadId());
		byte[] data = Base64.getDecoder().decode(chunk.data());
		synchronized (upload) {
			if (upload.content().size() + data.length > upload.size()) {
				this.uploads.remove(chunk.uploadId());
				throw new IpcException(IpcErrorCode.BAD_REQUEST, "more bytes than the announced " + upload.size());
			}
			upload.content().writeBytes(data);
			return Map.of("received", upload.content().size());
		}
	}

	@IpcHandler(app = APP, channel = "upload_finish")
	public Map<String, Object> uploadFinish(UploadRef ref) {
		Upload upload = upload(ref.uploadId());
		this.uploads.remove(ref.uploadId());
		byte[] content = upload.content().toByteArray();
		String sha256 = sha256(content);
		if (content.length != upload.size() || !sha256.equalsIgnoreCase(upload.sha256())) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "checksum mismatch: received " + content.length
					+ " bytes with SHA-256 " + sha256 + ", announced " + upload.size() + " bytes with " + upload.sha256());
		}
		StoredFile file = new StoredFile(upload.name(), content, sha256);
		StoredFile previous = this.files.put(file.name(), file);
		this.storedBytes.addAndGet(content.length - ((previous != null) ? previous.content().length : 0));
		this.template.publish(APP, "files", Map.of("event", "uploaded", "name", file.name(), "size", content.length));
		return file.describe();
	}

	@IpcHandler(app = APP, channel = "list")
	public List<Map<String, Object>> list() {
		return this.files.values().stream().map(StoredFile::describe).toList();
	}

	@IpcHandler(app = APP, channel = "download_start")
	public Map<String, Object> downloadStart(FileRef ref) {
		return file(ref.name()).describe();
	}

	@IpcHandler(app = APP, channel = "download_chunk")
	public Map<String, Object> downloadChunk(ChunkRef ref) {
		StoredFile file = file(ref.name());
		int from = ref.index() * CHUNK_SIZE;
		if (ref.index() < 0 || (from >= file.content().length && file.content().length > 0)) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "no chunk " + ref.index() + " in '" + ref.name() + "'");
		}
		int to = Math.min(file.content().length, from + CHUNK_SIZE);
		byte[] chunk = java.util.Arrays.copyOfRange(file.content(), from, to);
		return Map.of("index", ref.index(), "data", Base64.getEncoder().encodeToString(chunk));
	}

	private Upload upload(String id) {
		Upload upload = (id != null) ? this.uploads.get(id) : null;
		if (upload == null) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "no upload '" + id + "' in progress");
		}
		return upload;
	}

	private StoredFile file(String name) {
		StoredFile file = (name != null) ? this.files.get(name) : null;
		if (file == null) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "no file named '" + name + "'");
		}
		return file;
	}

	static int chunks(long size) {
		return (int) Math.max(1, (size + CHUNK_SIZE - 1) / CHUNK_SIZE);
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

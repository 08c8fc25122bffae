package dev.ipcframework.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ipcframework.client.IpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc file send PATH} and {@code ipc file get NAME}: file sharing through the demo application
 * {@code file_share}, in 64 KiB chunks, with a progress bar and a SHA-256 check at the end (the server checks an
 * upload, the client checks a download).
 */
@Command(name = "file", description = "Share files through the demo file_share app (needs 'ipc server').",
		subcommands = { FileCommand.Send.class, FileCommand.Get.class, FileCommand.ListFiles.class })
class FileCommand {

	static final String APP = "file_share";

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	@Command(name = "send", description = "Upload a file.")
	static class Send implements Callable<Integer>, UsesDemoApps {

		@Spec
		CommandSpec spec;

		@Mixin
		ClientOptions client;

		@Parameters(index = "0", description = "the file to send")
		Path path;

		@Option(names = "--name", description = "the name to store it under (default: the file's name)")
		String name;

		@Override
		public Integer call() throws Exception {
			if (Files.isDirectory(this.path)) {
				throw new InputException(this.path + " is a directory; give a file");
			}
			if (!Files.isRegularFile(this.path)) {
				throw new InputException("no such file: " + this.path);
			}
			byte[] content = Files.readAllBytes(this.path);
			String name = (this.name != null) ? this.name : this.path.getFileName().toString();
			String sha256 = sha256(content);
			PrintWriter err = this.spec.commandLine().getErr();
			try (IpcClient ipc = this.client.connectOnce(APP)) {
				JsonNode started = ipc.request("upload_start", Map.of("name", name, "size", content.length, "sha256", sha256),
						this.client.timeout).get();
				String uploadId = started.path("upload_id").asString();
				int chunkSize = started.path("chunk_size").asInt();
				ProgressBar progress = new ProgressBar(err, "sending " + name, content.length);
				for (int from = 0; from < content.length; from += chunkSize) {
					byte[] chunk = Arrays.copyOfRange(content, from, Math.min(content.length, from + chunkSize));
					ipc.request("upload_chunk", Map.of("upload_id", uploadId, "index", from / chunkSize, "data",
							Base64.getEncoder().encodeToString(chunk)), this.client.timeout).get();
					progress.update(from + chunk.length);
				}
				if (content.length == 0) {
					progress.update(0);
				}
				JsonNode stored = ipc.request("upload_finish", Map.of("upload_id", uploadId), this.client.timeout).get();
				this.spec.commandLine().getOut().println("sent " + name + " (" + stored.path("size").asLong()
						+ " bytes, sha256 " + stored.path("sha256").asString() + ", checked by the server)");
				this.spec.commandLine().getOut().flush();
				return ExitCodes.OK;
			}
		}

	}

	@Command(name = "get", description = "Download a file and check its SHA-256.")
	static class Get implements Callable<Integer>, UsesDemoApps {

		@Spec
		CommandSpec spec;

		@Mixin
		ClientOptions client;

		@Parameters(index = "0", description = "the name of the stored file")
		String name;

		@Option(names = { "-o", "--output" },
				description = "where to write it, replacing a file there (default: NAME in this directory)")
		Path output;

		@Option(names = { "-f", "--force" }, description = "replace NAME in this directory if it exists")
		boolean force;

		@Override
		public Integer call() throws Exception {
			PrintWriter err = this.spec.commandLine().getErr();
			Path target = (this.output != null) ? this.output : Path.of(Path.of(this.name).getFileName().toString());
			if (this.output == null && !this.force && Files.exists(target)) {
				throw new InputException(target + " exists; use --force to replace it, or -o to write elsewhere");
			}
			try (IpcClient ipc = this.client.connectOnce(APP)) {
				JsonNode info = ipc.request("download_start", Map.of("name", this.name), this.client.timeout).get();
				long size = info.path("size").asLong();
				int chunks = info.path("chunks").asInt();
				ByteArrayOutputStream content = new ByteArrayOutputStream();
				ProgressBar progress = new ProgressBar(err, "getting " + this.name, size);
				for (int index = 0; index < chunks; index++) {
					JsonNode chunk = ipc.request("download_chunk", Map.of("name", this.name, "index", index),
							this.client.timeout).get();
					content.writeBytes(Base64.getDecoder().decode(chunk.path("data").asString()));
					progress.update(content.size());
				}
				byte[] bytes = content.toByteArray();
				String expected = info.path("sha256").asString();
				String actual = sha256(bytes);
				if (bytes.length != size || !actual.equalsIgnoreCase(expected)) {
					err.println("ipc: checksum mismatch for " + this.name + ": got " + bytes.length + " bytes with sha256 "
							+ actual + ", expected " + size + " bytes with " + expected);
					err.flush();
					return ExitCodes.ERROR_RESPONSE;
				}
				Files.write(target, bytes);
				this.spec.commandLine().getOut().println("got " + this.name + " -> " + target + " (" + bytes.length
						+ " bytes, sha256 " + actual + " verified)");
				this.spec.commandLine().getOut().flush();
				return ExitCodes.OK;
			}
		}

	}

	@Command(name = "list", description = "List the stored files as JSON.")
	static class ListFiles implements Callable<Integer>, UsesDemoApps {

		@Spec
		CommandSpec spec;

		@Mixin
		ClientOptions client;

		@Override
		public Integer call() throws Exception {
			try (IpcClient ipc = this.client.connectOnce(APP)) {
				this.spec.commandLine().getOut().println(JsonArgument.MAPPER.writeValueAsString(
						ipc.request("list", Map.of(), this.client.timeout).get()));
				this.spec.commandLine().getOut().flush();
				return ExitCodes.OK;
			}
		}

	}

}

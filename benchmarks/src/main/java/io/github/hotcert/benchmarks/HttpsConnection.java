package io.github.hotcert.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 connection over TLS that sends {@code GET /} and reads whole responses, so
 * that a client decides exactly which requests share a connection.
 */
final class HttpsConnection implements AutoCloseable {

	private final SSLSocket socket;

	private final InputStream input;

	private final OutputStream output;

	private boolean open = true;

	HttpsConnection(SSLSocket socket) throws IOException {
		this.socket = socket;
		this.input = new BufferedInputStream(socket.getInputStream());
		this.output = socket.getOutputStream();
	}

	/**
	 * Whether the server has not asked to close the connection.
	 * @return whether another request may be sent
	 */
	boolean isOpen() {
		return this.open;
	}

	/**
	 * Send {@code GET /} and read the whole response.
	 * @param last whether to ask the server to close the connection after the response
	 * @return the status code
	 * @throws IOException if the request or the response fails
	 */
	int get(boolean last) throws IOException {
		String request = "GET / HTTP/1.1\r\nHost: localhost\r\n" + (last ? "Connection: close\r\n" : "") + "\r\n";
		this.output.write(request.getBytes(StandardCharsets.US_ASCII));
		this.output.flush();
		String statusLine = line();
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP response: '" + statusLine + "'");
		}
		int status = Integer.parseInt(parts[1]);
		long length = -1;
		boolean chunked = false;
		String header;
		while (!(header = line()).isEmpty()) {
			int colon = header.indexOf(':');
			String name = header.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).strip();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> this.open &= !value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		if (chunked) {
			readChunks();
		}
		else if (length >= 0) {
			skip(length);
		}
		else {
			this.open = false;
		}
		this.open &= !last;
		return status;
	}

	private void readChunks() throws IOException {
		long size;
		do {
			String sizeLine = line();
			int extension = sizeLine.indexOf(';');
			size = Long.parseLong((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine, 16);
			skip(size);
			line();
		}
		while (size > 0);
	}

	private void skip(long length) throws IOException {
		long remaining = length;
		while (remaining > 0) {
			long skipped = this.input.skip(remaining);
			if (skipped <= 0) {
				if (this.input.read() < 0) {
					throw new EOFException("The response ended " + remaining + " bytes early");
				}
				skipped = 1;
			}
			remaining -= skipped;
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int read;
		while ((read = this.input.read()) != '\n') {
			if (read < 0) {
				throw new EOFException("The connection was closed during a response");
			}
			if (read != '\r') {
				line.write(read);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing more to do
		}
	}

}

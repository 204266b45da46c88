package io.github.hotcert.actuate;

/**
 * Reads the {@link ReloadBody} from its JSON text: one flat JSON object (RFC 8259) of
 * boolean fields, refused at the first thing that is not allowed, with a message that
 * says what and where.
 */
final class ReloadBodyReader {

	private static final int MAX_NAME_IN_MESSAGE = 40;

	private final String json;

	private int position;

	private Boolean dryRun;

	private Boolean force;

	ReloadBodyReader(String json) {
		this.json = json;
	}

	ReloadBody read() {
		skipWhitespace();
		if (!consume('{')) {
			throw ReloadBody.invalid("The body must be empty or a JSON object with the fields 'dryRun' and 'force'");
		}
		skipWhitespace();
		if (!consume('}')) {
			do {
				field();
			}
			while (consume(','));
			expect('}', "',' or '}'");
		}
		skipWhitespace();
		if (this.position < this.json.length()) {
			throw syntax("nothing after the JSON object");
		}
		return new ReloadBody(this.dryRun, this.force);
	}

	private void field() {
		skipWhitespace();
		if (peek() != '"') {
			throw syntax("a field name");
		}
		String name = string();
		if (!ReloadBody.FIELDS.contains(name)) {
			throw ReloadBody.invalid("Unknown field '%s': the body may only have the fields 'dryRun' and 'force'%s"
				.formatted(shorten(name), suggestion(name)));
		}
		if ((name.equals("dryRun") && this.dryRun != null) || (name.equals("force") && this.force != null)) {
			throw ReloadBody.invalid("Field '%s' is given more than once".formatted(name));
		}
		skipWhitespace();
		expect(':', "':' after field '" + name + "'");
		skipWhitespace();
		boolean value = value(name);
		if (name.equals("dryRun")) {
			this.dryRun = value;
		}
		else {
			this.force = value;
		}
		skipWhitespace();
	}

	private boolean value(String name) {
		if (literal("true")) {
			return true;
		}
		if (literal("false")) {
			return false;
		}
		throw ReloadBody.invalid("Field '%s' must be true or false, not %s".formatted(name, describeValue()));
	}

	private boolean literal(String literal) {
		if (!this.json.startsWith(literal, this.position)) {
			return false;
		}
		int end = this.position + literal.length();
		if (end < this.json.length() && Character.isLetterOrDigit(this.json.charAt(end))) {
			return false;
		}
		this.position = end;
		return true;
	}

	private String describeValue() {
		char next = peek();
		if (next == '"') {
			return "a string";
		}
		if (next == '{') {
			return "an object";
		}
		if (next == '[') {
			return "an array";
		}
		if (next == '-' || (next >= '0' && next <= '9')) {
			return "a number";
		}
		if (literal("null")) {
			return "null";
		}
		throw syntax("a value");
	}

	private String string() {
		StringBuilder value = new StringBuilder();
		this.position++;
		while (this.position < this.json.length()) {
			char next = this.json.charAt(this.position);
			if (next < 0x20) {
				throw syntax("no control character in a string");
			}
			this.position++;
			if (next == '"') {
				return value.toString();
			}
			value.append((next != '\\') ? next : escaped());
		}
		throw syntax("the end of a string");
	}

	private char escaped() {
		char next = peek();
		char value = switch (next) {
			case '"', '\\', '/' -> next;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> 'u';
			default -> throw syntax("a valid escape sequence");
		};
		this.position++;
		return (next != 'u') ? value : unicode();
	}

	private char unicode() {
		if (this.position + 4 > this.json.length()) {
			throw syntax("four hexadecimal digits");
		}
		try {
			char value = (char) Integer.parseInt(this.json.substring(this.position, this.position + 4), 16);
			this.position += 4;
			return value;
		}
		catch (NumberFormatException ex) {
			throw syntax("four hexadecimal digits");
		}
	}

	private void skipWhitespace() {
		while (this.position < this.json.length() && " \t\r\n".indexOf(this.json.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private char peek() {
		return (this.position < this.json.length()) ? this.json.charAt(this.position) : 0;
	}

	private boolean consume(char expected) {
		if (peek() == expected && this.position < this.json.length()) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char expected, String description) {
		if (!consume(expected)) {
			throw syntax(description);
		}
	}

	private InvalidReloadRequestException syntax(String expected) {
		String found = (this.position < this.json.length()) ? "offset " + this.position : "the end";
		return ReloadBody.invalid("The body is not valid JSON: expected %s at %s".formatted(expected, found));
	}

	private static String shorten(String name) {
		return (name.length() > MAX_NAME_IN_MESSAGE) ? name.substring(0, MAX_NAME_IN_MESSAGE) + "..." : name;
	}

	private static String suggestion(String name) {
		return ReloadBody.FIELDS.stream()
			.filter(name::equalsIgnoreCase)
			.findFirst()
			.map((field) -> " (did you mean '%s'?)".formatted(field))
			.orElse("");
	}

}

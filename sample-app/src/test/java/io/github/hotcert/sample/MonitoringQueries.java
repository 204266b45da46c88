package io.github.hotcert.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * Every PromQL expression of the Grafana dashboard (panel queries and variable queries)
 * and of the Prometheus rule files, with Grafana's variables substituted the way Grafana
 * substitutes them.
 */
final class MonitoringQueries {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?\\}|\\$(\\w+)|\\[\\[(\\w+)\\]\\]");

	private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\)$");

	private MonitoringQueries() {
	}

	/**
	 * Return the queries of every panel of a dashboard, nested panels included.
	 * @param dashboard the dashboard JSON file
	 * @return the queries, each named by its panel and reference
	 * @throws IOException if the file cannot be read
	 */
	static List<Query> panelQueries(Path dashboard) throws IOException {
		List<Query> queries = new ArrayList<>();
		addPanelQueries(new ObjectMapper().readTree(dashboard.toFile()).path("panels"), queries);
		return queries;
	}

	private static void addPanelQueries(JsonNode panels, List<Query> queries) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(new Query(
						"panel '%s' query %s".formatted(panel.path("title").asText(), target.path("refId").asText()),
						target.path("expr").asText()));
			}
			addPanelQueries(panel.path("panels"), queries);
		}
	}

	/**
	 * Return the query variables of a dashboard as the label they list and the selector
	 * they list it from: {@code label_values(selector, label)}.
	 * @param dashboard the dashboard JSON file
	 * @return the variable queries, each named by its variable, with the selector as
	 * expression
	 * @throws IOException if the file cannot be read
	 */
	static List<LabelValues> variableQueries(Path dashboard) throws IOException {
		List<LabelValues> queries = new ArrayList<>();
		for (JsonNode variable : new ObjectMapper().readTree(dashboard.toFile()).path("templating").path("list")) {
			if (variable.path("type").asText().equals("query")) {
				JsonNode query = variable.path("query");
				String definition = query.isTextual() ? query.asText() : query.path("query").asText();
				Matcher matcher = LABEL_VALUES.matcher(definition.trim());
				if (!matcher.matches()) {
					throw new AssertionError("Variable '%s' is not a label_values() query: %s"
						.formatted(variable.path("name").asText(), definition));
				}
				queries.add(new LabelValues(variable.path("name").asText(), matcher.group(1).trim(), matcher.group(2)));
			}
		}
		return queries;
	}

	/**
	 * Return the expression of every rule of a rule file.
	 * @param rules the rule file
	 * @return the queries, each named by its alert or recorded series
	 * @throws IOException if the file cannot be read
	 */
	@SuppressWarnings("unchecked")
	static List<Query> ruleQueries(Path rules) throws IOException {
		List<Query> queries = new ArrayList<>();
		Map<String, Object> content = new Yaml().load(Files.readString(rules));
		for (Map<String, Object> group : (List<Map<String, Object>>) content.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				Object name = (rule.get("alert") != null) ? rule.get("alert") : rule.get("record");
				queries.add(new Query("rule '%s'".formatted(name), String.valueOf(rule.get("expr"))));
			}
		}
		return queries;
	}

	/**
	 * Replace Grafana's variables ({@code $name}, {@code ${name}},
	 * {@code ${name:format}}, {@code [[name]]}) with values.
	 * @param expression the expression
	 * @param values the value of each variable
	 * @return the expression Prometheus receives
	 * @throws AssertionError if a variable has no value
	 */
	static String substitute(String expression, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(expression);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1)
					: (matcher.group(2) != null) ? matcher.group(2) : matcher.group(3);
			String value = values.get(name);
			if (value == null) {
				throw new AssertionError("No value for Grafana variable '%s' in %s".formatted(name, expression));
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * One PromQL expression.
	 *
	 * @param source where it was found
	 * @param expression the expression
	 */
	record Query(String source, String expression) {

	}

	/**
	 * A {@code label_values(selector, label)} variable query.
	 *
	 * @param variable the variable name
	 * @param selector the series selector
	 * @param label the label whose values are listed
	 */
	record LabelValues(String variable, String selector, String label) {

	}

}

package io.github.hotcert.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.github.hotcert.benchmarks.Deployment.Rotation;

/**
 * The rotations of one measurement: how long each took to be served, how many were not
 * served in time, and one CSV line per rotation to keep beside the application's log.
 */
final class RotationRecord {

	private final List<Double> seconds = new ArrayList<>();

	private final List<String> csv = new ArrayList<>(List.of("rotation,swapped,serial,seconds"));

	private int missed;

	/**
	 * Wait until a new handshake presents the certificate of a rotation, and record how
	 * long that took from the swap.
	 * @param deployment the deployment that was rotated
	 * @param rotation the rotation
	 * @param timeout how long to wait before the rotation counts as missed
	 */
	void observe(Deployment deployment, Rotation rotation, Duration timeout) {
		Instant swappedAt = rotation.swappedAt();
		OptionalLong served = deployment.awaitServed(rotation.material().serial(), timeout);
		String serial = rotation.material().serial().toString(16);
		int number = this.seconds.size() + this.missed + 1;
		if (served.isPresent()) {
			double latency = (served.getAsLong() - rotation.swappedNanos()) / 1e9;
			this.seconds.add(latency);
			this.csv.add(number + "," + swappedAt + "," + serial + "," + latency);
		}
		else {
			this.missed++;
			this.csv.add(number + "," + swappedAt + "," + serial + ",not served");
		}
	}

	/**
	 * Add a line to the CSV for something other than a rotation.
	 * @param line the line
	 */
	void note(String line) {
		this.csv.add(line);
	}

	/**
	 * Write the CSV beside the application's log.
	 * @param deployment the deployment
	 * @param name the file name
	 */
	void keep(Deployment deployment, String name) {
		deployment.keep(name, this.csv);
	}

	List<Double> seconds() {
		return this.seconds;
	}

	int missed() {
		return this.missed;
	}

}

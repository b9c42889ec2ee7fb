"""A histogram read from Prometheus text (a /metrics answer), for the benchmark scripts."""
import re


class Histogram:
    """Buckets, count and sum of histogram `name` in the Prometheus text file at `path`."""

    def __init__(self, path, name):
        self.buckets, self.count, self.total = [], 0.0, 0.0
        for line in open(path):
            if line.startswith(name + "_bucket"):
                bound = re.search(r'le="([^"]+)"', line).group(1)
                self.buckets.append((float("inf") if bound == "+Inf" else float(bound), float(line.split()[-1])))
            elif line.startswith(name + "_count"):
                self.count = float(line.split()[-1])
            elif line.startswith(name + "_sum"):
                self.total = float(line.split()[-1])
        self.buckets.sort()

    def quantile(self, q):
        """Prometheus histogram_quantile: linear interpolation inside the bucket that holds rank q·count."""
        rank, lower, below = q * self.count, 0.0, 0.0
        for upper, cumulative in self.buckets:
            if cumulative >= rank:
                if upper == float("inf"):
                    return lower
                inside = cumulative - below
                return lower + (upper - lower) * ((rank - below) / inside if inside else 0)
            lower, below = upper, cumulative
        return float("nan")

    def mean(self):
        return self.total / self.count if self.count else float("nan")

    def describe_buckets(self, scale, unit):
        """`le <bound><unit>: <cumulative>, …`, bounds multiplied by `scale`."""
        return ", ".join(f"{b * scale:g}{unit}: {int(c)}" for b, c in self.buckets)

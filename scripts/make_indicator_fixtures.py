#!/usr/bin/env python3
"""Writes the indicator fixture that Tests/TradingCoreTests/Indicators/ compare against.

The input series is defined here (a seeded random walk of prices and volumes); the expected
values come from the peers themselves, so the Swift tests check against independent truth:

  talib_ema10    TA-Lib  EMA(close, 10)            SMA seed, NaN for the first 9 values
  pandas_ewm10   pandas  ewm(span=10, adjust=False).mean()   seeded with the first value
  sma20          pandas  rolling(20).mean()
  volatility20   pandas  np.log(p / p.shift(1)).rolling(20).std()   (ddof = 1)
  vwap           cumulative sum(price * volume) / sum(volume); the last price while the
                 cumulative volume is zero (the first three volumes are zero on purpose)

Regenerate (needs PyPI `ta-lib`, `pandas`, `numpy`):

  python3 -m venv /tmp/peers && /tmp/peers/bin/pip install ta-lib pandas
  /tmp/peers/bin/python scripts/make_indicator_fixtures.py

Values are written with repr(), the shortest text that reads back as the same double.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import talib

COUNT = 300
SEED = 20240611
OUTPUT = Path(__file__).resolve().parent.parent / "Tests/TradingCoreTests/Fixtures/indicators/peers.csv"


def make_inputs():
    rng = np.random.default_rng(SEED)
    log_returns = rng.normal(0.0002, 0.01, COUNT)
    log_returns[0] = 0.0
    prices = 100.0 * np.exp(np.cumsum(log_returns))
    volumes = rng.integers(1, 1000, COUNT).astype(float)
    volumes[:3] = 0.0
    return prices, volumes


def main():
    prices, volumes = make_inputs()
    close = pd.Series(prices)
    columns = {
        "price": prices,
        "volume": volumes,
        "talib_ema10": talib.EMA(prices, timeperiod=10),
        "pandas_ewm10": close.ewm(span=10, adjust=False).mean().to_numpy(),
        "sma20": close.rolling(20).mean().to_numpy(),
        "volatility20": np.log(close / close.shift(1)).rolling(20).std().to_numpy(),
    }
    cumulative_volume = np.cumsum(volumes)
    cumulative_value = np.cumsum(prices * volumes)
    safe_volume = np.where(cumulative_volume > 0, cumulative_volume, 1.0)
    columns["vwap"] = np.where(cumulative_volume > 0, cumulative_value / safe_volume, prices)

    names = list(columns)
    lines = [",".join(names)]
    for row in range(COUNT):
        lines.append(",".join(repr(float(columns[name][row])) for name in names))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUTPUT} ({COUNT} rows; ta-lib {talib.__version__}, pandas {pd.__version__})")


if __name__ == "__main__":
    main()

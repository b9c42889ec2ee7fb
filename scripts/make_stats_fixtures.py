"""Writes the statistics fixtures: backtesting.py 0.6.6 runs whose inputs and stats table the
Swift `BacktestStatistics` tests replay.

Run with the peer's interpreter (backtesting, pandas and numpy installed):

    /tmp/peers/bin/python scripts/make_stats_fixtures.py

Each case stores the bar timestamps (Unix seconds), the closes, the per-bar equity that
backtesting.py passes to `compute_stats` (NaN before the first trading bar back-filled), the
closed trades and the full stats table at full precision. Floats in the table are written as
`repr` strings so that NaN and infinities survive JSON; durations and times are nanoseconds.
"""

import json
import math
import pathlib
import sys
import warnings

import numpy as np
import pandas as pd
from backtesting import Backtest, Strategy, __version__ as backtesting_version
from backtesting.lib import crossover
from backtesting.test import BTCUSD, EURUSD, GOOG, SMA

warnings.filterwarnings("ignore")

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "Tests/TradingCoreTests/Fixtures/stats"


class SmaCross(Strategy):
    n1 = 10
    n2 = 20

    def init(self):
        self.sma1 = self.I(SMA, self.data.Close, self.n1)
        self.sma2 = self.I(SMA, self.data.Close, self.n2)

    def next(self):
        if crossover(self.sma1, self.sma2):
            self.position.close()
            self.buy()
        elif crossover(self.sma2, self.sma1):
            self.position.close()
            self.sell()


class Idle(Strategy):
    def init(self):
        pass

    def next(self):
        pass


class HoldOnce(Strategy):
    """Buys on the first bar it sees and closes 100 bars later: exactly one closed trade."""

    def init(self):
        pass

    def next(self):
        bar = len(self.data) - 1
        if bar == 1:
            self.buy()
        elif bar == 101:
            self.position.close()


def weekly(data):
    return data.resample("W-FRI").agg(
        {"Open": "first", "High": "max", "Low": "min", "Close": "last", "Volume": "sum"}).dropna()


def on_calendar_days(data):
    """The same bars stamped on consecutive calendar days, so that weekends hold bars."""
    moved = data.copy()
    moved.index = pd.date_range(data.index[0], periods=len(data), freq="D")
    return moved


CASES = [
    ("goog_smacross", "SmaCross(10, 20) on GOOG daily, commission .002, exclusive orders",
     GOOG, SmaCross, dict(cash=10_000, commission=.002, exclusive_orders=True), {}),
    ("eurusd_smacross", "SmaCross(10, 20) on EURUSD hourly, commission .0002, exclusive orders",
     EURUSD, SmaCross, dict(cash=10_000, commission=.0002, exclusive_orders=True), {}),
    ("btcusd_monthly", "SmaCross(3, 6) on BTCUSD monthly, commission .001, exclusive orders",
     BTCUSD, SmaCross, dict(cash=1_000_000, commission=.001, exclusive_orders=True), dict(n1=3, n2=6)),
    ("goog_weekly", "SmaCross(4, 8) on GOOG resampled to weeks ending Friday",
     weekly(GOOG), SmaCross, dict(cash=10_000, commission=.002, exclusive_orders=True), dict(n1=4, n2=8)),
    ("goog_calendar_days", "SmaCross(10, 20) on GOOG's bars stamped on consecutive calendar days (weekends)",
     on_calendar_days(GOOG), SmaCross, dict(cash=10_000, commission=.002, exclusive_orders=True), {}),
    ("goog_one_trade", "One long trade on GOOG held 100 bars, trade on close",
     GOOG, HoldOnce, dict(cash=10_000, commission=.002, trade_on_close=True), {}),
    ("goog_no_trades", "A strategy that never trades, on GOOG",
     GOOG.iloc[:300], Idle, dict(cash=10_000), {}),
]


def encode_value(value):
    if isinstance(value, pd.Timestamp):
        return {"timestamp": int(value.as_unit("ns").value)}
    if isinstance(value, pd.Timedelta):
        return {"duration": int(value.as_unit("ns").value)}
    if value is pd.NaT:
        return {"number": "nan"}
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return {"count": int(value)}
    return {"number": repr(float(value))}


def run_case(name, description, data, strategy, options, parameters):
    stats = Backtest(data, strategy, **options).run(**parameters)
    seconds = data.index.as_unit("s").asi8
    assert (data.index.as_unit("ns").asi8 == seconds * 1_000_000_000).all(), "timestamps must be whole seconds"
    equity = stats["_equity_curve"]["Equity"].to_numpy()
    trades = stats["_trades"]
    columns = ["EntryBar", "ExitBar", "Size", "EntryPrice", "ExitPrice", "PnL", "ReturnPct", "Commission"]
    first_trading_bar = _first_trading_bar(stats["_strategy"])
    table = [[label, encode_value(value)] for label, value in stats.items() if not label.startswith("_")]
    assert all(math.isfinite(x) for x in equity)
    return {
        "name": name,
        "description": description,
        "timestamps": [int(x) for x in seconds],
        "closes": [float(x) for x in data["Close"]],
        "equity": [float(x) for x in equity],
        "firstTradingBar": int(first_trading_bar),
        "trades": {column: [_plain(x) for x in trades[column]] for column in columns},
        "stats": table,
    }


def _first_trading_bar(strategy):
    from backtesting._util import _indicator_warmup_nbars
    return _indicator_warmup_nbars(strategy)


def _plain(value):
    return int(value) if isinstance(value, (np.integer, int)) else float(value)


def main():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        fixture = run_case(*case)
        fixture["peer"] = f"backtesting {backtesting_version}, pandas {pd.__version__}, numpy {np.__version__}"
        path = OUTPUT / f"{fixture['name']}.json"
        path.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
        print(f"{path.name}: {len(fixture['timestamps'])} bars, {len(fixture['trades']['Size'])} trades",
              file=sys.stderr)


if __name__ == "__main__":
    main()

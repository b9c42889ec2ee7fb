print("aitrader")

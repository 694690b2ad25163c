# Plots peers_bench's CSV as prepared by bench/run.sh: one panel per transaction size, commits/s
# (log scale) and p99 latency against threads, one line per system.
# Inputs (gnuplot -e): datadir (holds SIZE-SYSTEM.dat: threads, commits/s, p99 µs), sizes and
# systems and latency_systems (space-separated words), out_rate and out_p99 (SVG files to write), title_note.
set terminal svg size 1200,420 dynamic font "sans,11"
set datafile separator whitespace
set logscale x 2
set logscale y 10
set xlabel "threads"
set key top left font ",9"
set grid
file(size, system) = sprintf("%s/%s-%s.dat", datadir, size, system)
style(system) = system eq "ceiling" ? 2 : 1
color(system) = system eq "ceiling" ? "black" : system eq "GroupCommit" ? "#d62728" : \
    system eq "SQLite" ? "#1f77b4" : system eq "LevelDB" ? "#2ca02c" : "#9467bd"

set output out_rate
set multiplot layout 1, words(sizes) title "commits/s against threads ".title_note
do for [s in sizes] {
  set title s." B transactions"
  set ylabel "commits/s"
  plot for [y in systems] file(s, y) using 1:2 with linespoints dashtype style(y) lc rgb color(y) lw 1.5 title y
}
unset multiplot

set output out_p99
set multiplot layout 1, words(sizes) title "p99 commit latency against threads ".title_note
do for [s in sizes] {
  set title s." B transactions"
  set ylabel "p99 latency (µs)"
  plot for [y in latency_systems] file(s, y) using 1:3 with linespoints lc rgb color(y) lw 1.5 title y
}
unset multiplot

# chronicle render: a timeline chart for gnuplot 5. Generated: the same input gives the same
# script. Article text is only in the data file; enhanced text is off, so labels are shown as
# written. Run: gnuplot -e "datafile='DATA'; outfile='OUT'" SCRIPT (both optional).
if (!exists("datafile")) datafile = 'kerry-density-week.tsv'
if (!exists("outfile")) outfile = 'kerry-density-week.png'
set terminal pngcairo size 1200,600 noenhanced font 'sans,9' background '#ffffff'
set output outfile
set encoding utf8
set termoption noenhanced
set datafile separator "\t"
set xdata time
set timefmt "%s"
set grid xtics lc rgb '#dddddd'
set border 3
set xtics nomirror
set ytics nomirror
set tmargin at screen 0.90
set bmargin at screen 0.14
set multiplot
set label 1 'chronicle: 29 events' at screen 0.5, screen 0.96 center font ',12'

# earlier panel
set lmargin at screen 0.070
set rmargin at screen 0.180
set xrange [273628800:294451200]
set format x "%Y"
set xtics (283996800) norotate
set yrange [0:26]
set ytics nomirror
set ylabel 'events'
unset key
set label 3 'earlier' at graph 0.5, graph 1.03 center
plot datafile index 0 using ($1):($2):($3) with boxes fs solid 0.6 lc rgb '#1f77b4' notitle
unset label 3
unset label 1
unset label 2

# main panel
set lmargin at screen 0.200
set rmargin at screen 0.970
set xrange [1411937280:1418526720]
set format x "%d %b"
set xtics autofreq norotate
set yrange [0:26]
set ytics format ''
unset ylabel
set key at screen 0.5, screen 0.035 center center horizontal samplen 2
plot datafile index 0 using ($1):($2):($3) with boxes fs solid 0.6 lc rgb '#1f77b4' title 'events per week'
unset multiplot

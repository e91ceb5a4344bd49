# chronicle render: a timeline chart for gnuplot 5. Generated: the same input gives the same
# script. Article text is only in the data file; enhanced text is off, so labels are shown as
# written. Run: gnuplot -e "datafile='DATA'; outfile='OUT'" SCRIPT (both optional).
if (!exists("datafile")) datafile = 'two-articles-density.tsv'
if (!exists("outfile")) outfile = 'two-articles-density.png'
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
set label 1 'chronicle: 6 events' at screen 0.5, screen 0.96 center font ',12'

# earlier panel
set lmargin at screen 0.070
set rmargin at screen 0.180
set xrange [273628800:294451200]
set format x "%Y"
set xtics (283996800) norotate
set yrange [0:5]
set ytics nomirror
set ylabel 'events'
unset key
set label 3 'earlier' at graph 0.5, graph 1.03 center
plot datafile index 0 using (column(3)>0?$1:NaN):3:($1-$2/2):($1+$2/2):(0):3 with boxxyerror fs solid 0.7 lc rgb '#1f77b4' notitle, \
     datafile index 0 using (column(4)>column(3)?$1:NaN):4:($1-$2/2):($1+$2/2):(column(3)):4 with boxxyerror fs solid 0.7 lc rgb '#ff7f0e' notitle
unset label 3
unset label 1
unset label 2

# main panel
set lmargin at screen 0.200
set rmargin at screen 0.970
set xrange [1414699200:1418302800]
set format x "%d %b"
set xtics autofreq norotate
set yrange [0:5]
set ytics format ''
unset ylabel
set key at screen 0.5, screen 0.035 center center horizontal samplen 2
plot datafile index 0 using (column(3)>0?$1:NaN):3:($1-$2/2):($1+$2/2):(0):3 with boxxyerror fs solid 0.7 lc rgb '#1f77b4' title columnheader(3), \
     datafile index 0 using (column(4)>column(3)?$1:NaN):4:($1-$2/2):($1+$2/2):(column(3)):4 with boxxyerror fs solid 0.7 lc rgb '#ff7f0e' title columnheader(4)
unset multiplot

# chronicle render: a timeline chart for gnuplot 5. Generated: the same input gives the same
# script. Article text is only in the data file; enhanced text is off, so labels are shown as
# written. Run: gnuplot -e "datafile='DATA'; outfile='OUT'" SCRIPT (both optional).
if (!exists("datafile")) datafile = 'kerry-iran-2014-12-03.tsv'
if (!exists("outfile")) outfile = 'kerry-iran-2014-12-03.png'
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
set lmargin at screen 0.040
set rmargin at screen 0.150
set xrange [273628800:294451200]
set format x "%Y"
set xtics (283996800) norotate
set yrange [0.45:1.70]
unset ytics
unset key
set label 3 'earlier' at graph 0.5, graph 1.03 center
plot datafile index 5 using ($1):($2):($3):($4) with vectors nohead lw 0.8 lc rgb '#A8A8A8' notitle, \
     datafile index 0 using ($1):($2):($3):($4):($5):($6) with boxxyerror fs solid 0.45 lc rgb '#2ca02c' notitle, \
     datafile index 1 using ($1):($2):($3):($4):($5):($6) with boxxyerror fs pattern 4 lc rgb '#ff7f0e' notitle, \
     datafile index 2 using ($1):($2):($3):($4) with vectors head filled size screen 0.012,25 lw 2 lc rgb '#ff7f0e' notitle, \
     datafile index 3 using ($1):($2):($3):($4) with vectors head filled size screen 0.01,25 lw 2 lc rgb '#7f7f7f' notitle, \
     datafile index 4 using ($1):($2):($3) with points pt 7 ps variable lc rgb '#1f77b4' notitle
unset label 3
unset label 1
unset label 2

# main panel
set lmargin at screen 0.170
set rmargin at screen 0.970
set xrange [1411937280:1418526720]
set format x "%d %b"
set xtics autofreq norotate
set yrange [0.45:1.70]
unset ytics
set key at screen 0.5, screen 0.035 center center horizontal samplen 2
plot datafile index 5 using ($1):($2):($3):($4) with vectors nohead lw 0.8 lc rgb '#A8A8A8' notitle, \
     datafile index 0 using ($1):($2):($3):($4):($5):($6) with boxxyerror fs solid 0.45 lc rgb '#2ca02c' title 'period', \
     datafile index 1 using ($1):($2):($3):($4):($5):($6) with boxxyerror fs pattern 4 lc rgb '#ff7f0e' title 'since ... (open: drawn to the article date)', \
     datafile index 2 using ($1):($2):($3):($4) with vectors head filled size screen 0.012,25 lw 2 lc rgb '#ff7f0e' notitle, \
     datafile index 3 using ($1):($2):($3):($4) with vectors head filled size screen 0.01,25 lw 2 lc rgb '#7f7f7f' title 'before (open start)', \
     datafile index 4 using ($1):($2):($3) with points pt 7 ps variable lc rgb '#1f77b4' title 'event', \
     datafile index 6 using ($1):($2):3 with labels left offset char 0.4, 0 noenhanced tc rgb '#222222' notitle, \
     datafile index 7 using ($1):($2):3 with labels right offset char -0.4, 0 noenhanced tc rgb '#222222' notitle
unset multiplot

# R's survey package as the yardstick of Kartla's raking: the CSV that
# results_bench wrote (read before the clock starts), raked with
# calibrate(calfun = "raking") to the same three margins, and the weighted
# mean of q1.
#   Rscript bench/r/rake.R FILE.csv
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1], colClasses = c(rep("character", 3), rep("numeric", 50)))
data$region <- factor(data$region, levels = as.character(0:18))
data$size_class <- factor(data$size_class, levels = as.character(0:6))
data$language <- factor(data$language, levels = as.character(0:3))
design <- svydesign(ids = ~1, weights = rep(1, nrow(data)), data = data)
# The margins: the sample's counts, region's moved by +-20 % in turn,
# language's by +-10 %, all scaled to the same population (as results_bench).
shifted <- function(counts, shift) counts * (1 + shift)
region <- shifted(as.numeric(table(data$region)), 0.2 * ((0:18) %% 3 - 1))
population <- sum(region)
size <- as.numeric(table(data$size_class))
size <- size * population / sum(size)
language <- shifted(as.numeric(table(data$language)), 0.1 * (((0:3) %% 2) * 2 - 1))
language <- language * population / sum(language)
totals <- c(population, region[-1], size[-1], language[-1])
started <- proc.time()[["elapsed"]]
raked <- calibrate(design, ~region + size_class + language, population = totals,
                   calfun = "raking", epsilon = 1e-10, maxit = 100)
seconds <- proc.time()[["elapsed"]] - started
m <- svymean(~q1, raked, na.rm = TRUE)
cat(sprintf("R %s, survey %s: calibrate(calfun = \"raking\") of %d rows: %.3f s; mean of q1 %.12f\n",
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("survey"),
            nrow(data), seconds, coef(m)[[1]]))
cat(sprintf("r_rake_seconds=%.6f\nr_rake_mean=%.17g\n", seconds, coef(m)[[1]]))

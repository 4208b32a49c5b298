# Reference numbers for Design::Regress: simple weighted regressions on the
# toy municipal survey, respondents a stratified SRS within size class
# (weight N_h/n_h, fpc N_h). Run: Rscript regression.R > regression_reference.csv
library(survey, quietly = TRUE)
toy <- read.csv("toy_municipalities.csv")
toy$n_h <- ave(toy$id, toy$size, FUN = length)
toy$w <- toy$N_h / toy$n_h
d <- svydesign(id = ~1, strata = ~size, weights = ~w, fpc = ~N_h, data = toy)
fits <- list("mi ~ m1" = svyglm(mi ~ m1, design = d),
             "mi ~ q1 (without don't know)" = svyglm(mi ~ q1, design = subset(d, q1 != 9)))
cat("model,term,estimate,se\n")
for (name in names(fits)) {
  m <- fits[[name]]
  se <- sqrt(diag(vcov(m)))
  for (term in names(coef(m))) {
    cat(sprintf("%s,%s,%.17g,%.17g\n", name, term, coef(m)[[term]], se[[term]]))
  }
}

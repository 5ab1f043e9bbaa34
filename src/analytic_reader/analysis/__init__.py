"""Analysis of the validated corpus as DataFrames: claim tables, counts, matrices and the weighing of
the evidence. Plain data in, plain data out; rendering is ``analytic_reader.html``'s job.
"""

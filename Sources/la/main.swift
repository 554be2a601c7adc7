import LA
print("la: not yet implemented")
